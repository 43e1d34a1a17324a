/**
 * Word lists the alignment heuristics read: stop-words, paraphrase concepts, polarity cues.
 *
 * They are deliberately small and aimed at how judges write about two responses (English first,
 * with the commonest French, Spanish, German and Chinese forms), not at language in general.
 * Everything is keyed by `foldWord` output so lookups ignore case and accents.
 */
import { stem } from './stem';

/** Lower-case, diacritics removed, typographic apostrophes straightened. */
export function foldWord(word: string): string {
  // The NFD pass is the expensive part; skip it for the plain ASCII words that dominate.
  // eslint-disable-next-line no-control-regex
  const lower = /^[\x00-\x7f]*$/.test(word) ? word.toLowerCase() : word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  return lower.includes('\u2019') ? lower.replace(/\u2019/g, "'") : lower;
}

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

/**
 * Words that carry no reason. Besides grammar words this holds the vocabulary every judgment uses
 * to talk about the pair ("response", "assistant", "provides", "overall"): two claims sharing only
 * those are not saying the same thing.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  words(`
  a an the and or but if of at by for with to from in on off out up down into onto over under about
  above below between through during before after again further once then than so such as too very
  can cannot could will would shall should may might must do does did doing done be is are was were
  been being have has had having i me my mine we us our ours you your yours he him his she her hers
  it its it's they them their theirs this that these those there here what which who whom whose
  when where why how while whereas although though because since unless until not no nor neither
  either none all any both each few more most other some own same only just also even still yet
  however therefore thus hence overall instead rather quite really much many lot lots slightly
  significantly somewhat fairly relatively especially particularly generally actually simply
  basically merely already always often usually sometimes perhaps maybe likely etc e.g i.e eg ie
  via per versus vs let lets let's seem seems seemed appear appears appeared one ones
  s t don doesn didn isn wasn aren weren won wouldn shouldn couldn hasn haven hadn n't
  assistant assistants response responses output outputs model models reply replies completion
  completions candidate candidates
  provide provides provided providing give gives gave given giving offer offers offered include
  includes included including contain contains contained make makes made use uses used using
  state states stated mention mentions mentioned note notes noted say says said write writes wrote
  identify identifies identified present presents presented show shows showed demonstrate
  demonstrates demonstrated
  well good better best great bad worse worst
  also additionally moreover furthermore finally first second firstly secondly lastly
  regarding terms term aspect aspects way thing things something anything everything nothing
  reason reasons key main primary major minor important importantly crucial critical essential
  point points issue issues factor respect respects case two three four several various multiple
  le la les l un une des de du d et est sont en dans pour par sur que qui ce cette ces il elle ils
  elles au aux ne pas plus tres mais ou se son sa ses leur leurs avec comme y ete etre fait
  reponse reponses sortie
  el los las una y es por para con lo al del muy pero como respuesta respuestas
  der die das und ist nicht ein eine zu mit von den dem des auf fur es sie er auch antwort
`),
);

/**
 * Paraphrase concepts: words judges use interchangeably for the same criterion, mapped to one key
 * so that "A has a math error" and "Response 1 contains a calculation mistake" share two terms.
 * Concepts are sign-free on purpose ("correct" and "incorrect" are the same criterion): the sign
 * is the mention's polarity, which is what lets "A is correct" vs "A is wrong" surface as a
 * conflict instead of two unrelated claims.
 */
const CONCEPT_GROUPS: Record<string, string> = {
  '~correct': `correct incorrect correctness incorrectness accurate inaccurate accuracy inaccuracy
    inaccuracies wrong wrongly error errors erroneous mistake mistakes mistaken flaw flaws flawed
    invalid valid validity false falsely untrue bug bugs buggy faulty fault exact inexact
    erreur erreurs errone faux fausse juste exactitude`,
  '~math': `math maths mathematics mathematical calculation calculations calculate calculated
    calculating compute computes computed computing computation arithmetic arithmetical
    multiplication multiply division divide subtraction subtract addition
    calcul calculs calculer mathematique`,
  '~detail': `detail detailed details thorough thoroughness comprehensive comprehensiveness depth
    in-depth extensive superficial shallow elaborate exhaustive detaille approfondi`,
  '~length': `concise concision conciseness succinct brief brevity verbose verbosity wordy lengthy
    length long longer short shorter padding bloated concis verbeux`,
  '~clarity': `clear clearer clarity unclear readable readability understandable confusing confused
    confusion ambiguous ambiguity clair claire clarte`,
  '~specific': `specific specifically vague generic concrete precise imprecise precision`,
  '~relevance': `relevant irrelevant relevance irrelevance off-topic tangential pertinent pertinence
    pertinente`,
  '~helpful': `helpful unhelpful helpfulness useful useless usefulness quality excellent poor
    superior inferior strong stronger weak weaker preferable preferred prefer`,
  '~complete': `complete incomplete completeness missing miss misses missed omit omits omitted
    omission lack lacks lacking absent overlook overlooks overlooked forget forgets forgot
    forgotten neglect neglects neglected skip skips skipped manque manquer oublie omet incomplet
    incomplete complet`,
  '~hallucination': `hallucinate hallucinates hallucinated hallucination hallucinations fabricate
    fabricates fabricated fabrication invent invents invented made-up nonexistent non-existent
    fictional fictitious fake invente invention`,
  '~instruction': `instruction instructions follow follows followed adhere adheres adherence comply
    complies compliance constraint constraints requirement requirements obey violate violates
    violation disregard disregards ignore ignores ignored consigne consignes`,
  '~format': `format formats formatting formatted layout structure structured organization organized
    markdown`,
  '~explanation': `explain explains explained explanation explanations reasoning rationale justify
    justifies justification explication explique`,
  '~refusal': `refuse refuses refused refusal decline declines declined`,
  '~safety': `safe unsafe safety harmful harm harmless dangerous danger toxic risky`,
  '~unit': `unit units conversion convert converts converted`,
  '~code': `code function functions implementation implement implements program script snippet`,
  '~example': `example examples instance illustration illustrate exemple exemples`,
  '~citation': `cite cites citation citations source sources evidence`,
  '~grammar': `grammar grammatical typo typos spelling misspelled misspelling punctuation`,
  '~tone': `tone polite rude friendly formal informal`,
  '~translation': `translate translates translated translation traduction`,
  '~summary': `summary summarize summarizes summarise summarization resume`,
  '~recommend': `recommend recommends recommended recommendation suggest suggests suggested
    suggestion advise advises advised advice`,
  '~professional': `doctor doctors physician physicians clinician professional professionals expert
    experts specialist specialists medecin`,
  '~answer': `answer answers result results solution solutions conclusion outcome`,
  '~question': `question questions prompt prompts query request requests task user`,
  '~misread': `misunderstand misunderstands misunderstood misunderstanding misinterpret
    misinterprets misinterpreted misinterpretation misread misreads misconstrue`,
  '~repetition': `repeat repeats repeated repetition repetitive redundant redundancy duplicate`,
  '~efficiency': `efficient inefficient efficiency complexity performance optimal suboptimal optimized
    slow fast faster slower`,
  '~syntax': `syntax compile compiles compilation runtime exception crash crashes`,
};

/**
 * How much a concept counts relative to an ordinary content word. Criteria every judgment names
 * ("helpful", "the question") say little about WHICH reason is given; numbers and rare words say a lot.
 */
export const CONCEPT_PRIOR: Readonly<Record<string, number>> = {
  '~helpful': 0.25,
  '~question': 0.3,
  '~answer': 0.5,
  '~explanation': 0.5,
  '~code': 0.6,
  '~detail': 0.7,
  '~clarity': 0.7,
  '~length': 0.8,
  '~relevance': 0.8,
  '~correct': 0.8,
};

const conceptByWord = new Map<string, string>();
const conceptByStem = new Map<string, string>();
for (const [concept, list] of Object.entries(CONCEPT_GROUPS)) {
  for (const w of words(list)) {
    conceptByWord.set(w, concept);
    conceptByStem.set(stem(w), concept);
  }
}

/** The term a folded word contributes to similarity: its concept, else its stem. */
export function termOf(folded: string): string {
  const byWord = conceptByWord.get(folded);
  if (byWord !== undefined) return byWord;
  const s = stem(folded);
  return conceptByStem.get(s) ?? s;
}

/** Chinese / Japanese words mapped onto the same concepts (searched as substrings of CJK runs). */
export const CJK_CONCEPTS: readonly (readonly [string, string])[] = [
  ['错误', '~correct'], ['正确', '~correct'], ['准确', '~correct'], ['不对', '~correct'], ['誤り', '~correct'], ['正しい', '~correct'],
  ['计算', '~math'], ['算术', '~math'], ['数学', '~math'], ['計算', '~math'],
  ['详细', '~detail'], ['全面', '~detail'], ['詳細', '~detail'],
  ['简洁', '~length'], ['冗长', '~length'], ['啰嗦', '~length'], ['簡潔', '~length'],
  ['清晰', '~clarity'], ['清楚', '~clarity'], ['明確', '~clarity'],
  ['相关', '~relevance'], ['无关', '~relevance'],
  ['遗漏', '~complete'], ['缺少', '~complete'], ['缺乏', '~complete'], ['忽略', '~complete'], ['漏掉', '~complete'], ['完整', '~complete'],
  ['编造', '~hallucination'], ['幻觉', '~hallucination'], ['虚构', '~hallucination'],
  ['指令', '~instruction'], ['要求', '~instruction'], ['指示', '~instruction'],
  ['格式', '~format'],
  ['解释', '~explanation'], ['说明', '~explanation'], ['説明', '~explanation'],
  ['单位', '~unit'], ['単位', '~unit'],
  ['代码', '~code'], ['コード', '~code'],
  ['例子', '~example'], ['示例', '~example'],
  ['翻译', '~translation'], ['翻訳', '~translation'],
  ['总结', '~summary'], ['摘要', '~summary'],
  ['答案', '~answer'], ['结果', '~answer'], ['結果', '~answer'],
];

/**
 * CJK characters that only glue words together. CJK runs are split at them before bigrams are
 * taken, so "的计" or "是正" never become terms. Hiragana is treated as glue wholesale: Japanese
 * content words are mostly kanji and katakana, inflections and particles are hiragana.
 */
export const CJK_GLUE = /[的了是在和与及或也都而但就把被这那其之为以于对从个所将并还又很更最不没无吗呢吧啊\u3040-\u309f]/u;

/** Polarity cue: + praises the response it attaches to, − criticises it. */
const POSITIVE_CUES = `
  correct correctly accurate accurately precise precisely exact better best superior
  excellent good great helpful clear clearer concise thorough thoroughly comprehensive detailed
  complete valid appropriate appropriately properly proper successfully effectively strong stronger
  preferable preferred prefer prefers favor favors favour favours relevant adheres adhere follows
  satisfies addresses fulfills fulfils handles captures succeeds works sound robust faithful
  faithfully informative insightful coherent logical well-structured well-organized well-reasoned
  well-written elegant efficient readable safe honest engaging fluent nuanced useful wins handle
  address follow capture satisfy fulfil fulfill succeed work respect respects respected meets meet
  conveys convey preserves preserve keeps reasonable solid obeys obey honors honours
  correcte correctement exacte precise meilleur meilleure mieux bon bonne claire pertinent pertinente
  complet complete
  correcto correcta mejor preciso precisa
  richtig korrekt besser genau
`;
const NEGATIVE_CUES = `
  incorrect incorrectly wrong wrongly error errors erroneous erroneously mistake mistakes mistaken
  mistakenly inaccurate inaccurately inaccuracy inaccuracies fail fails failed failing failure lack
  lacks lacking missing misses missed omit omits omitted omission ignores ignored ignore worse worst
  inferior poor poorly vague verbose wordy unnecessary unnecessarily irrelevant incomplete flaw
  flaws flawed bug bugs buggy broken confusing confused confuses misleading unsafe harmful
  problematic weak weaker redundant repetitive off-topic unclear ambiguous incoherent invalid
  crashes faulty overly excessive excessively neglects neglected forgets forgot forgotten overlooks
  overlooked violates violated contradicts contradictory inconsistent nonsensical unsupported
  unfounded false falsely untrue exaggerates deviates truncated struggles loses unhelpful useless
  invented invents fake fictional fictitious nonexistent non-existent made-up bogus drops dropped
  skips skipped crash crashed swapped swaps swap reversed reverses transposed transposes flipped flips
  breaks broke breaking disobeys disregards contradict
  incorrecte incorrectement faux fausse erreur erreurs errone erronee manque oublie omet pire
  imprecis imprecise incomplet incomplete
  incorrecto incorrecta error errores falta peor
  falsch fehler fehlt schlechter
`;
const NEGATIVE_PREFIXES = ['confus', 'hallucinat', 'fabricat', 'misinterpret', 'misunderst', 'misread', 'miscalculat', 'misstat', 'mislabel', 'misidentif', 'misrepresent', 'misapp'];

/** Words that flip the next cue ("not correct", "no errors", "less accurate", "pas correct"). */
export const NEGATORS: ReadonlySet<string> = new Set(
  words(`not no never without neither nor hardly barely cannot less free avoids avoid avoided
    pas jamais sans aucun aucune ni moins nunca sin kein keine nicht`),
);

/** Negative cues that also swallow the next cue: "fails to correctly compute" is one criticism. */
export const SUPPRESSORS: ReadonlySet<string> = new Set(
  words(`fail fails failed failing lack lacks lacking unable neglects neglected forgets forgot`),
);

/**
 * Reporting verbs: what follows them is the content the response asserted, or what the user asked
 * for, not the judge's opinion ("A states that the answer is correct" does not praise A; "the case
 * the user asked to handle" does not praise anyone).
 */
export const REPORT_VERBS: ReadonlySet<string> = new Set(
  words(`states stated claims claimed says said suggests suggested concludes concluded argues argued
    asserts asserted thinks believes believed assumes assumed guesses guessed affirme dit indique
    asked asks requested requests wants wanted requires required expects expected demande`),
);

/**
 * Negators whose negation, left unconsumed by a cue, is itself a criticism: "never closes the
 * file", "does not catch the exception", "has no comments". Not "without": "explains that entering
 * without permission is illegal" is no criticism of the response.
 */
export const CRITICAL_NEGATORS: ReadonlySet<string> = new Set(words(`not no never cannot pas jamais aucun aucune`));

const positive = new Set(words(POSITIVE_CUES));
const negative = new Set(words(NEGATIVE_CUES));
// Weak praise: a response being "detailed" or "clear" is a softer statement than it being correct.
const weak = new Set(words(`good great helpful clear clearer concise thorough thoroughly comprehensive detailed
  verbose wordy lengthy well useful informative engaging fluent readable reasonable solid`));

/** Polarity score of a folded word, or 0 when it is not a cue. */
export function cueScore(folded: string): number {
  let s = 0;
  if (positive.has(folded)) s = 1;
  else if (negative.has(folded)) s = -1;
  else {
    for (const p of NEGATIVE_PREFIXES) {
      if (folded.startsWith(p)) {
        s = -1;
        break;
      }
    }
  }
  return weak.has(folded) ? s * 0.5 : s;
}

/** CJK polarity cues, searched as substrings; 不/没/未 right before a positive cue flips it. */
export const CJK_CUES: readonly (readonly [string, number])[] = [
  ['不正确', -1], ['不准确', -1], ['不完整', -1], ['不清楚', -1],
  ['正确', 1], ['准确', 1], ['更好', 1], ['优秀', 1], ['清晰', 0.5], ['完整', 0.5], ['详细', 0.5], ['合理', 0.5], ['恰当', 0.5],
  ['错误', -1], ['遗漏', -1], ['缺少', -1], ['缺乏', -1], ['忽略', -1], ['编造', -1], ['幻觉', -1], ['更差', -1], ['不如', -1],
  ['写反', -1], ['颠倒', -1], ['弄反', -1], ['矛盾', -1], ['不符', -1], ['违反', -1], ['遵守', 1], ['符合', 1],
  ['冗长', -0.5], ['失败', -1], ['算错', -1], ['有误', -1], ['出错', -1], ['不对', -1], ['错', -1], ['漏', -1],
  ['正しい', 1], ['誤り', -1], ['間違', -1],
];
export const CJK_NEGATORS = /[不没未无非]/u;
