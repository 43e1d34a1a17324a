/**
 * Hand-written (gold judgment, GenRM rationale) pairs labelled aligned / misaligned, for measuring
 * the alignment heuristic's estimate. Synthetic: written for this project in the style of real
 * judgments (R-Align-style gold explanations, HelpSteer3 annotator reasons, Arena-Hard / JudgeBench
 * and LLMBar judge outputs); no text is copied from a dataset.
 *
 * Labels follow the R-Align meta-judge rule: aligned when the rationale explicitly identifies the
 * gold's decisive reason(s); a different reason for the same verdict, vague praise ("B is more
 * detailed") or the right reason pinned on the wrong response is misaligned. Every rationale here
 * is label-correct (it prefers the gold winner), as only those are ever fidelity-judged.
 *
 * `dev` cases were used to tune thresholds and lexicons. `holdout1` was written after that tuning
 * and measured once untouched (14/18) before it too informed three changes (see below).
 * `holdout2` was written after all that tuning: measured untouched at 15/16; its one error exposed
 * two lexicon bugs ("works with" read as praise, "no error handling" read as "no errors"), which
 * were fixed. The accuracy test reports each split.
 */
import type { PresentationOrder } from '../../../src/core/record';

export interface LabelledCase {
  id: string;
  split: 'dev' | 'holdout1' | 'holdout2';
  /** What the case exercises. */
  note: string;
  gold: string;
  rationale: string;
  goldLabel: 'A' | 'B';
  goldOrder?: PresentationOrder;
  rationaleOrder?: PresentationOrder;
  expected: 'aligned' | 'misaligned';
}

export const CASES: LabelledCase[] = [
  {
    id: 'math-paraphrase',
    split: 'dev',
    note: 'paraphrased agreement: calculation mistake vs math error',
    goldLabel: 'B',
    gold: 'Response B is better. Response A makes a calculation mistake when it multiplies 15 by 12 and gets 170 instead of 180, so its final price of $170 is wrong. Response B computes 180 correctly and gives the right total.',
    rationale:
      "Let me check both answers.\n\nAssistant A's answer contains an arithmetic error: 15 × 12 is 180, not 170, so the final amount it reports is incorrect.\n\nAssistant B's answer performs the multiplication correctly and arrives at $180.\n\nMy final verdict is: Assistant B is significantly better. [[B>>A]]",
    expected: 'aligned',
  },
  {
    id: 'math-vague',
    split: 'dev',
    note: 'vague rationale ("more detailed") against a specific calculation error',
    goldLabel: 'B',
    gold: 'Response B is better. Response A makes a calculation mistake when it multiplies 15 by 12 and gets 170 instead of 180, so its final price of $170 is wrong. Response B computes 180 correctly and gives the right total.',
    rationale:
      "Assistant B's answer is more detailed and helpful. It walks through the problem step by step and is well organized, which makes it easier to follow.\n\nAssistant A's answer is shorter and less thorough.\n\nMy final verdict is: [[B>A]]",
    expected: 'misaligned',
  },
  {
    id: 'math-wrong-blame',
    split: 'dev',
    note: 'blames the calculation error on the winning response',
    goldLabel: 'B',
    gold: 'Response B is better. Response A makes a calculation mistake when it multiplies 15 by 12 and gets 170 instead of 180, so its final price of $170 is wrong.',
    rationale:
      'Both assistants set up the problem the same way. However, Assistant B makes an arithmetic mistake when multiplying 15 by 12, which gives the wrong final price. Assistant B still explains its method more clearly, so I prefer it overall.\n\n\\boxed{B}',
    expected: 'misaligned',
  },
  {
    id: 'math-swapped-aligned',
    split: 'dev',
    note: 'swapped-order rationale: its "Assistant B" is the original A',
    goldLabel: 'B',
    rationaleOrder: 'swapped',
    gold: 'Response B is better. Response A makes a calculation mistake when it multiplies 15 by 12 and gets 170 instead of 180, so its final price of $170 is wrong.',
    rationale:
      "Assistant A multiplies 15 by 12 correctly and reports $180.\n\nAssistant B's answer contains a calculation error: 15 × 12 = 180, but it writes 170, so its final price is wrong.\n\nMy final verdict is: Assistant A is significantly better. [[A>>B]]",
    expected: 'aligned',
  },
  {
    id: 'math-swapped-misread',
    split: 'dev',
    note: 'swapped-order rationale read without the swap would look aligned; with it, the blame is on the winner',
    goldLabel: 'B',
    rationaleOrder: 'swapped',
    gold: 'Response B is better. Response A makes a calculation mistake when it multiplies 15 by 12 and gets 170 instead of 180, so its final price of $170 is wrong.',
    rationale:
      "Assistant A's answer contains a calculation error: it multiplies 15 by 12 and gets the wrong price. Assistant B explains the steps in a friendlier tone.\n\nMy final verdict is: [[A>B]]",
    expected: 'misaligned',
  },
  {
    id: 'hs3-code-offbyone',
    split: 'dev',
    note: 'HelpSteer3-style @Response gold; rationale finds the same off-by-one bug',
    goldLabel: 'A',
    gold: '@Response 1 is better than @Response 2 because @Response 2 has an off-by-one error in the loop bound (range(1, n) skips the last element), so the sum is wrong for every input. @Response 1 iterates over the whole list.',
    rationale:
      "**Correctness**\n- Response 1 loops over every element and returns the correct sum.\n- Response 2 uses `range(1, n)`, which skips the last element — an off-by-one bug, so its result is wrong.\n\n**Style**\n- Both are readable.\n\n\\boxed{A}",
    expected: 'aligned',
  },
  {
    id: 'hs3-code-style-only',
    split: 'dev',
    note: 'same gold, rationale prefers A only for style and comments',
    goldLabel: 'A',
    gold: '@Response 1 is better than @Response 2 because @Response 2 has an off-by-one error in the loop bound (range(1, n) skips the last element), so the sum is wrong for every input. @Response 1 iterates over the whole list.',
    rationale:
      'Response 1 is better. It follows PEP 8 naming conventions, adds a docstring and comments each step, which makes the code easier to maintain. Response 2 uses terse variable names and has no comments.\n\n\\boxed{A}',
    expected: 'misaligned',
  },
  {
    id: 'code-block-aligned',
    split: 'dev',
    note: 'rationale quotes the buggy code in a fenced block and names the bug',
    goldLabel: 'B',
    gold: 'Response B is better. Response A opens the file without closing it and never handles the FileNotFoundError the user explicitly asked about, so it does not meet the requirement. Response B uses a with-statement and catches FileNotFoundError with a clear message.',
    rationale:
      "Assistant A's code:\n\n```python\nf = open(path)\ndata = f.read()\n```\n\nThis never closes the file and does not catch `FileNotFoundError`, even though the user asked for that case to be handled.\n\nAssistant B wraps the read in a `with` block and catches `FileNotFoundError`, printing a helpful message.\n\nMy final verdict is: [[B>>A]]",
    expected: 'aligned',
  },
  {
    id: 'code-block-other-reason',
    split: 'dev',
    note: 'rationale prefers B for performance, not for the missing exception handling',
    goldLabel: 'B',
    gold: 'Response B is better. Response A opens the file without closing it and never handles the FileNotFoundError the user explicitly asked about, so it does not meet the requirement. Response B uses a with-statement and catches FileNotFoundError with a clear message.',
    rationale:
      "Assistant B's solution is more efficient because it streams the file line by line instead of loading everything into memory:\n\n```python\nfor line in fh:\n    process(line)\n```\n\nFor large inputs this matters. Assistant A's approach reads the whole content at once.\n\nMy final verdict is: [[B>A]]",
    expected: 'misaligned',
  },
  {
    id: 'summary-llmbar-aligned',
    split: 'dev',
    note: 'LLMBar-style Output (a)/(b) rationale, summarization',
    goldLabel: 'A',
    gold: "Output (a) is better because it captures the main issue of the post: the girlfriend's visa is expiring and she refuses to marry before returning to Malaysia. Output (b) only repeats the opening background (nationality, years of study, length of the relationship) and leaves out the visa problem entirely.",
    rationale:
      "Output (a) summarizes the key conflict — the expiring visa and her reluctance to get married before going back to Malaysia. Output (b) merely restates the first two sentences about her nationality and their relationship and omits the visa issue. Therefore, Output (a) is better.",
    expected: 'aligned',
  },
  {
    id: 'summary-llmbar-length',
    split: 'dev',
    note: 'LLMBar-style, prefers (a) only because it is shorter',
    goldLabel: 'A',
    gold: "Output (a) is better because it captures the main issue of the post: the girlfriend's visa is expiring and she refuses to marry before returning to Malaysia. Output (b) only repeats the opening background (nationality, years of study, length of the relationship) and leaves out the visa problem entirely.",
    rationale: 'Output (a) is more concise and reads more naturally as a summary, while Output (b) is a bit long-winded. Therefore, Output (a) is better.',
    expected: 'misaligned',
  },
  {
    id: 'hallucinated-citation',
    split: 'dev',
    note: 'gold: A fabricates a study; rationale says the same in other words',
    goldLabel: 'B',
    gold: 'Response B is better. Response A cites a 2019 Harvard study on intermittent fasting that does not exist, presenting invented statistics as fact. Response B gives general, accurate guidance and recommends consulting a doctor.',
    rationale:
      "Assistant A's response refers to a \"2019 Harvard study\" with specific percentages, but I cannot find any such study; this appears to be a hallucinated source, and the numbers are fabricated. Assistant B sticks to well-established facts and appropriately suggests talking to a physician.\n\n[[B>>A]]",
    expected: 'aligned',
  },
  {
    id: 'hallucinated-citation-missed',
    split: 'dev',
    note: 'rationale praises A\'s "evidence" and prefers B only for tone',
    goldLabel: 'B',
    gold: 'Response B is better. Response A cites a 2019 Harvard study on intermittent fasting that does not exist, presenting invented statistics as fact. Response B gives general, accurate guidance and recommends consulting a doctor.',
    rationale:
      "Assistant A provides specific evidence from research, which is informative. Assistant B, however, has a warmer and more empathetic tone and is easier for a general reader to follow. On balance I find Assistant B more helpful.\n\n[[B>A]]",
    expected: 'misaligned',
  },
  {
    id: 'word-limit',
    split: 'dev',
    note: 'instruction-following: word limit violated',
    goldLabel: 'B',
    gold: 'Response B is better because the user asked for a product description of at most 50 words. Response A runs to about 120 words, ignoring the length constraint, while Response B stays within the limit and still covers the key features.',
    rationale:
      "The instruction explicitly limits the description to 50 words.\n\n- Assistant A: roughly 120 words, so it violates the word limit despite good content.\n- Assistant B: about 45 words, respects the constraint and mentions battery life, weight and price.\n\nBecause following the explicit constraint is essential, Assistant B is better. [[B>A]]",
    expected: 'aligned',
  },
  {
    id: 'word-limit-vague',
    split: 'dev',
    note: 'same gold; rationale praises B\'s persuasive language only',
    goldLabel: 'B',
    gold: 'Response B is better because the user asked for a product description of at most 50 words. Response A runs to about 120 words, ignoring the length constraint, while Response B stays within the limit and still covers the key features.',
    rationale:
      "Assistant B's description uses more vivid, persuasive language that would appeal to customers. Assistant A's description is informative but reads like a spec sheet.\n\nMy final verdict is: [[B>A]]",
    expected: 'misaligned',
  },
  {
    id: 'refusal-safety',
    split: 'dev',
    note: 'safety: gold rewards the refusal; rationale agrees for the same reason',
    goldLabel: 'A',
    gold: 'Response A is better. The user asks for step-by-step instructions to pick a neighbour\'s lock. Response A declines and explains that entering someone else\'s home without permission is illegal, offering to help with locksmith contacts instead. Response B provides the lock-picking steps, which could facilitate a break-in.',
    rationale:
      "This request asks how to break into a neighbour's home. Response A appropriately refuses, noting that it would be illegal, and suggests contacting a licensed locksmith. Response B gives detailed lock-picking instructions, which is harmful because it could enable a burglary.\n\n\\boxed{A}",
    expected: 'aligned',
  },
  {
    id: 'refusal-other-reason',
    split: 'dev',
    note: 'prefers the refusal because it is shorter, never mentions harm',
    goldLabel: 'A',
    gold: 'Response A is better. The user asks for step-by-step instructions to pick a neighbour\'s lock. Response A declines and explains that entering someone else\'s home without permission is illegal, offering to help with locksmith contacts instead. Response B provides the lock-picking steps, which could facilitate a break-in.',
    rationale: 'Response A is more concise and polite. Response B is very long and uses a lot of technical jargon that a typical user would not understand.\n\n\\boxed{A}',
    expected: 'misaligned',
  },
  {
    id: 'zh-aligned',
    split: 'dev',
    note: 'Chinese gold and Chinese rationale, same reason',
    goldLabel: 'B',
    gold: '回答B更好。回答A在换算单位时出错：把1.5公里写成了150米，导致最终结果错误。回答B正确换算为1500米，并给出了正确的步行时间。',
    rationale: '回答A的单位换算有误，1.5公里应为1500米，而不是150米，因此它算出的时间不对。回答B的换算正确，结果也准确。\n\n最终判断：\\boxed{B}',
    expected: 'aligned',
  },
  {
    id: 'zh-vague',
    split: 'dev',
    note: 'Chinese, vague rationale',
    goldLabel: 'B',
    gold: '回答B更好。回答A在换算单位时出错：把1.5公里写成了150米，导致最终结果错误。回答B正确换算为1500米，并给出了正确的步行时间。',
    rationale: '回答B的语言更加流畅，格式更清晰，读起来更舒服。回答A稍显简略。\n\n\\boxed{B}',
    expected: 'misaligned',
  },
  {
    id: 'fr-aligned',
    split: 'dev',
    note: 'French gold and French rationale, same reason',
    goldLabel: 'A',
    gold: "La réponse A est meilleure. La réponse B se trompe sur la date : elle affirme que la Révolution française a commencé en 1798 au lieu de 1789, ce qui est une erreur factuelle importante. La réponse A donne la bonne date et explique la prise de la Bastille.",
    rationale:
      "La réponse B contient une erreur de date : la Révolution a commencé en 1789, pas en 1798. La réponse A est exacte sur la date et décrit correctement la prise de la Bastille.\n\nVerdict : [[A>B]]",
    expected: 'aligned',
  },
  {
    id: 'fr-other-reason',
    split: 'dev',
    note: 'French, prefers A for its style only',
    goldLabel: 'A',
    gold: "La réponse A est meilleure. La réponse B se trompe sur la date : elle affirme que la Révolution française a commencé en 1798 au lieu de 1789, ce qui est une erreur factuelle importante. La réponse A donne la bonne date et explique la prise de la Bastille.",
    rationale: "La réponse A est mieux rédigée et plus agréable à lire ; la réponse B est un peu sèche.\n\nVerdict : [[A>B]]",
    expected: 'misaligned',
  },
  {
    id: 'arena-own-answer-aligned',
    split: 'dev',
    note: 'Arena-Hard style with the judge\'s own answer first, then the same decisive point',
    goldLabel: 'A',
    gold: 'Response A is better. The question asks which muscle is most active during a right lateral excursion of the mandible; the answer is the left lateral pterygoid, which Response A identifies. Response B wrongly picks the right lateral pterygoid, confusing the working side with the muscle that pulls the jaw.',
    rationale:
      "My own answer: During a right lateral excursion, the left lateral pterygoid contracts and pulls the condyle forward, moving the mandible to the right. So the answer is the left lateral pterygoid.\n\nAssistant A's answer correctly identifies the left lateral pterygoid and explains that the contralateral muscle drives the movement.\n\nAssistant B's answer is incorrect. It chooses the right lateral pterygoid, mixing up the side of the movement with the side of the active muscle.\n\nMy final verdict is: Assistant A is significantly better. [[A>>B]]",
    expected: 'aligned',
  },
  {
    id: 'arena-own-answer-generic',
    split: 'dev',
    note: 'Arena-Hard style, only generic helpfulness/relevance/conciseness remarks',
    goldLabel: 'A',
    gold: 'Response A is better. The question asks which muscle is most active during a right lateral excursion of the mandible; the answer is the left lateral pterygoid, which Response A identifies. Response B wrongly picks the right lateral pterygoid, confusing the working side with the muscle that pulls the jaw.',
    rationale:
      "Evaluating the responses:\n\nAssistant A's answer is helpful, relevant, and concise. It directly addresses the prompt.\n\nAssistant B's answer is also relevant but somewhat less concise, with more background than needed.\n\nIn terms of creativity and novelty, both are straightforward.\n\nMy final verdict is: Assistant A is slightly better. [[A>B]]",
    expected: 'misaligned',
  },
  {
    id: 'two-reasons-both',
    split: 'dev',
    note: 'gold gives two decisive reasons, rationale gives both',
    goldLabel: 'B',
    gold: "Response B is better for two reasons. First, Response A's SQL query uses INNER JOIN, which drops customers who have no orders, although the user asked to list all customers. Second, Response A groups by customer name instead of customer id, so customers with the same name are merged. Response B uses a LEFT JOIN and groups by id.",
    rationale:
      "Assistant A uses an INNER JOIN, so customers without any orders disappear from the result — but the user wants every customer listed. It also groups by name rather than by id, which would merge two different customers who share a name.\n\nAssistant B's LEFT JOIN keeps all customers and grouping by customer_id avoids that collision.\n\nMy final verdict is: [[B>>A]]",
    expected: 'aligned',
  },
  {
    id: 'two-reasons-minor-only',
    split: 'dev',
    note: 'rationale gives only the minor point (aliasing) and misses both decisive ones',
    goldLabel: 'B',
    gold: "Response B is better for two reasons. First, Response A's SQL query uses INNER JOIN, which drops customers who have no orders, although the user asked to list all customers. Second, Response A groups by customer name instead of customer id, so customers with the same name are merged. Response B uses a LEFT JOIN and groups by id.",
    rationale:
      "Assistant B's query is formatted more cleanly, with each clause on its own line and readable table aliases. Assistant A's query is crammed onto one line.\n\nMy final verdict is: [[B>A]]",
    expected: 'misaligned',
  },
  {
    id: 'two-reasons-one',
    split: 'dev',
    note: 'rationale gives the main decisive reason (INNER JOIN drops customers) but not the grouping one',
    goldLabel: 'B',
    gold: "Response B is better for two reasons. First, Response A's SQL query uses INNER JOIN, which drops customers who have no orders, although the user asked to list all customers. Second, Response A groups by customer name instead of customer id, so customers with the same name are merged. Response B uses a LEFT JOIN and groups by id.",
    rationale:
      "The key difference is the join. Assistant A uses an INNER JOIN, which excludes customers with no orders, so it does not list all customers as requested. Assistant B uses a LEFT JOIN and correctly includes them.\n\nMy final verdict is: [[B>>A]]",
    expected: 'aligned',
  },
  {
    id: 'conflict-polarity',
    split: 'dev',
    note: 'rationale says the loser handled the edge case correctly, the gold says it did not',
    goldLabel: 'B',
    gold: 'Response B is better. Response A does not handle the empty list: calling max() on an empty sequence raises a ValueError, which the user specifically asked to avoid. Response B checks for an empty list first and returns None.',
    rationale:
      "Both functions find the maximum. Assistant A handles the empty list correctly by relying on max(). Assistant B adds an explicit check, which is slightly redundant but more explicit, and its docstring is better.\n\nMy final verdict is: [[B>A]]",
    expected: 'misaligned',
  },
  {
    id: 'empty-list-aligned',
    split: 'dev',
    note: 'same gold, rationale finds the ValueError',
    goldLabel: 'B',
    gold: 'Response B is better. Response A does not handle the empty list: calling max() on an empty sequence raises a ValueError, which the user specifically asked to avoid. Response B checks for an empty list first and returns None.',
    rationale:
      "Assistant A calls `max(values)` directly, so an empty list raises `ValueError` — exactly the case the user asked to handle. Assistant B guards against an empty input and returns `None`.\n\n[[B>>A]]",
    expected: 'aligned',
  },
  {
    id: 'translation-aligned',
    split: 'dev',
    note: 'translation: mistranslated idiom',
    goldLabel: 'A',
    gold: 'Response A is better. The German idiom "Tomaten auf den Augen haben" means failing to notice something obvious; Response B translates it literally as "to have tomatoes on the eyes", which is meaningless in English. Response A renders it idiomatically as "to be blind to what is right in front of you".',
    rationale:
      "Assistant B translated the idiom word for word (\"has tomatoes on his eyes\"), which makes no sense to an English reader. Assistant A correctly conveys the meaning — not noticing something obvious — with a natural English expression.\n\nMy final verdict is: [[A>>B]]",
    expected: 'aligned',
  },
  {
    id: 'translation-vague',
    split: 'dev',
    note: 'translation, vague fluency praise',
    goldLabel: 'A',
    gold: 'Response A is better. The German idiom "Tomaten auf den Augen haben" means failing to notice something obvious; Response B translates it literally as "to have tomatoes on the eyes", which is meaningless in English. Response A renders it idiomatically as "to be blind to what is right in front of you".',
    rationale: 'Assistant A\'s translation is more fluent and natural overall. Assistant B\'s is acceptable but slightly awkward.\n\nMy final verdict is: [[A>B]]',
    expected: 'misaligned',
  },
  {
    id: 'first-second-response',
    split: 'dev',
    note: '"the first response" / "the second response" references',
    goldLabel: 'A',
    gold: 'Response A is better because it gives the correct boiling point of water at the top of Mount Everest, about 70 °C, and explains that lower air pressure lowers the boiling point. Response B claims water still boils at 100 °C there, which is false.',
    rationale:
      'The first response correctly states that water boils at roughly 70 °C on the summit of Everest and attributes this to the reduced atmospheric pressure. The second response incorrectly says it remains 100 °C.\n\n\\boxed{A}',
    expected: 'aligned',
  },
  {
    id: 'model-underscore',
    split: 'dev',
    note: 'model_1 / model_2 references, wrong reason',
    goldLabel: 'A',
    gold: 'Response A is better because it gives the correct boiling point of water at the top of Mount Everest, about 70 °C, and explains that lower air pressure lowers the boiling point. Response B claims water still boils at 100 °C there, which is false.',
    rationale: 'model_1 uses a friendlier tone and includes a fun fact about climbers brewing tea, while model_2 is dry. I prefer model_1.\n\n\\boxed{A}',
    expected: 'misaligned',
  },
  {
    id: 'tie-breaker-format',
    split: 'dev',
    note: 'gold about markdown table requirement; rationale same reason with a table of its own',
    goldLabel: 'B',
    gold: 'Response B is better because the user explicitly requested the comparison as a markdown table. Response A answers in prose paragraphs, ignoring the requested format, while Response B presents the three laptops in a table with price, weight and battery columns.',
    rationale:
      "| Criterion | Assistant A | Assistant B |\n|---|---|---|\n| Requested table format | No (prose) | Yes |\n| Accuracy | Good | Good |\n\nThe user asked for a markdown table. Assistant A ignores that and writes paragraphs; Assistant B follows the requested format with columns for price, weight and battery.\n\n[[B>A]]",
    expected: 'aligned',
  },
  {
    id: 'tie-breaker-format-missed',
    split: 'dev',
    note: 'same gold; rationale discusses accuracy of prices only',
    goldLabel: 'B',
    gold: 'Response B is better because the user explicitly requested the comparison as a markdown table. Response A answers in prose paragraphs, ignoring the requested format, while Response B presents the three laptops in a table with price, weight and battery columns.',
    rationale:
      "Both assistants list the same three laptops. Assistant B's prices look more up to date, and it mentions the newer model year. Assistant A quotes last year's price for one of them.\n\n[[B>A]]",
    expected: 'misaligned',
  },
  {
    id: 'physics-units-list',
    split: 'dev',
    note: 'markdown list rationale with nested reasons, aligned',
    goldLabel: 'A',
    gold: "Response A is better. Response B forgets to convert the mass from grams to kilograms, so its kinetic energy is off by a factor of 1000. Response A converts 500 g to 0.5 kg and correctly gets 25 J.",
    rationale:
      "### Assistant A\n- Converts 500 g to 0.5 kg before applying KE = ½mv².\n- Final answer 25 J is correct.\n\n### Assistant B\n- Plugs in 500 directly, forgetting the gram-to-kilogram conversion.\n- Its answer of 25,000 J is therefore wrong by a factor of 1000.\n\n\\boxed{A}",
    expected: 'aligned',
  },
  {
    id: 'physics-units-generic-list',
    split: 'dev',
    note: 'markdown list rationale, only presentation remarks',
    goldLabel: 'A',
    gold: "Response A is better. Response B forgets to convert the mass from grams to kilograms, so its kinetic energy is off by a factor of 1000. Response A converts 500 g to 0.5 kg and correctly gets 25 J.",
    rationale:
      "### Assistant A\n- Clear structure with headings.\n- Uses LaTeX for the formula.\n\n### Assistant B\n- A single block of text.\n- Harder to read.\n\n\\boxed{A}",
    expected: 'misaligned',
  },

  // ---- Held-out batch 1: written after the dev-set tuning. Its first measurement (14/18) was
  // taken before any change; three changes were then made while looking at its errors (conflicts
  // subtracted in the estimate, salience words in the weights, threshold 0.5 → 0.35). ----
  {
    id: 'ho-recipe-substitution',
    split: 'holdout1',
    note: 'paraphrase with little word overlap (buttermilk substitute)',
    goldLabel: 'A',
    gold: 'Response A is better because it gives a working substitute for buttermilk: one cup of milk with a tablespoon of lemon juice or vinegar, left to sit for five minutes. Response B suggests plain water, which would not provide the acidity the recipe needs to activate the baking soda.',
    rationale:
      "Assistant A recommends mixing milk with lemon juice or vinegar and letting it curdle briefly, which reproduces buttermilk's acidity. Assistant B's suggestion to use water misses the point: without acid, the baking soda will not react and the pancakes will be flat.\n\nMy final verdict is: Assistant A is significantly better: [[A>>B]]",
    expected: 'aligned',
  },
  {
    id: 'ho-recipe-vague',
    split: 'holdout1',
    note: 'generic praise for the winner',
    goldLabel: 'A',
    gold: 'Response A is better because it gives a working substitute for buttermilk: one cup of milk with a tablespoon of lemon juice or vinegar, left to sit for five minutes. Response B suggests plain water, which would not provide the acidity the recipe needs to activate the baking soda.',
    rationale: "Assistant A's answer is helpful, relevant and concise, and it is friendly in tone. Assistant B's answer is less helpful.\n\nMy final verdict is: [[A>B]]",
    expected: 'misaligned',
  },
  {
    id: 'ho-regex-email',
    split: 'holdout1',
    note: 'code: regex anchoring bug',
    goldLabel: 'B',
    gold: "@Response 2 is better because @Response 1's regular expression is missing the ^ and $ anchors, so it accepts strings like 'xx user@example.com yy' as valid emails. @Response 2 anchors the pattern and explains why.",
    rationale:
      "Response 1's pattern has no start or end anchors, so any string that merely contains an email address would match — e.g. 'abc user@example.com def' passes validation. Response 2 adds ^ and $ so the whole string must be an email.\n\n\\boxed{B}",
    expected: 'aligned',
  },
  {
    id: 'ho-regex-other',
    split: 'holdout1',
    note: 'code: prefers B for supporting more TLDs, a different reason',
    goldLabel: 'B',
    gold: "@Response 2 is better because @Response 1's regular expression is missing the ^ and $ anchors, so it accepts strings like 'xx user@example.com yy' as valid emails. @Response 2 anchors the pattern and explains why.",
    rationale: 'Response 2 handles longer top-level domains such as .museum and allows plus signs in the local part, which Response 1 rejects. That makes Response 2 more permissive and realistic.\n\n\\boxed{B}',
    expected: 'misaligned',
  },
  {
    id: 'ho-history-swapped',
    split: 'holdout1',
    note: 'swapped order, factual date error attributed correctly after the swap',
    goldLabel: 'A',
    rationaleOrder: 'swapped',
    gold: 'Response A is better. Response B states that the Berlin Wall fell in 1991, but it fell on 9 November 1989; the 1991 date is the dissolution of the Soviet Union. Response A gives the correct date and context.',
    rationale:
      "Assistant A claims the Wall came down in 1991, which confuses it with the end of the USSR; the correct year is 1989. Assistant B correctly says November 1989.\n\nMy final verdict is: [[B>A]]",
    expected: 'aligned',
  },
  {
    id: 'ho-history-wrong-target',
    split: 'holdout1',
    note: 'original order; says the winner got the year wrong',
    goldLabel: 'A',
    gold: 'Response A is better. Response B states that the Berlin Wall fell in 1991, but it fell on 9 November 1989; the 1991 date is the dissolution of the Soviet Union. Response A gives the correct date and context.',
    rationale: 'Response A gets the year of the fall of the Berlin Wall wrong, saying 1991 instead of 1989. Still, Response A gives much richer historical context, so I prefer it.\n\n\\boxed{A}',
    expected: 'misaligned',
  },
  {
    id: 'ho-poem-constraint',
    split: 'holdout1',
    note: 'creative writing, acrostic constraint',
    goldLabel: 'B',
    gold: 'Response B is better because the user asked for an acrostic poem spelling OCEAN. Response A writes a nice poem about the sea but its lines start with T, W, S, A, B, so it ignores the acrostic requirement. Response B\'s lines begin with O, C, E, A, N.',
    rationale:
      "The key instruction is the acrostic: the first letters must spell OCEAN.\n\n- Output (a): lovely imagery, but the initial letters are T-W-S-A-B, so the acrostic is not respected.\n- Output (b): the lines start with O, C, E, A and N as required.\n\nTherefore, Output (b) is better.",
    expected: 'aligned',
  },
  {
    id: 'ho-poem-imagery',
    split: 'holdout1',
    note: 'creative writing: judges imagery only',
    goldLabel: 'B',
    gold: 'Response B is better because the user asked for an acrostic poem spelling OCEAN. Response A writes a nice poem about the sea but its lines start with T, W, S, A, B, so it ignores the acrostic requirement. Response B\'s lines begin with O, C, E, A, N.',
    rationale: 'Output (b) uses more vivid imagery of waves and salt spray, and its rhythm is smoother. Output (a) feels a little flat. Therefore, Output (b) is better.',
    expected: 'misaligned',
  },
  {
    id: 'ho-medical-partial',
    split: 'holdout1',
    note: 'gold has a decisive safety reason and a minor one; rationale gives only the decisive one',
    goldLabel: 'A',
    gold: 'Response A is better. The decisive problem with Response B is that it recommends giving aspirin to a feverish 6-year-old, which is dangerous because of the risk of Reye\'s syndrome. Response B is also somewhat repetitive. Response A recommends paracetamol at the correct weight-based dose.',
    rationale:
      "Assistant B suggests aspirin for the child's fever. Aspirin should not be given to children because it is linked to Reye's syndrome, so this advice is unsafe. Assistant A instead recommends paracetamol dosed by weight.\n\n[[A>>B]]",
    expected: 'aligned',
  },
  {
    id: 'ho-medical-minor-only',
    split: 'holdout1',
    note: 'rationale gives only the minor reason (repetition)',
    goldLabel: 'A',
    gold: 'Response A is better. The decisive problem with Response B is that it recommends giving aspirin to a feverish 6-year-old, which is dangerous because of the risk of Reye\'s syndrome. Response B is also somewhat repetitive. Response A recommends paracetamol at the correct weight-based dose.',
    rationale: 'Assistant B repeats the same advice about fluids and rest three times, which makes it tedious to read. Assistant A is more to the point.\n\n[[A>B]]',
    expected: 'misaligned',
  },
  {
    id: 'ho-zh-code',
    split: 'holdout1',
    note: 'Chinese rationale about a code bug (integer division)',
    goldLabel: 'A',
    gold: '回答A更好。回答B在计算平均值时使用了整数除法 //，导致结果被截断，例如 [1, 2] 的平均值得到 1 而不是 1.5。回答A使用了普通除法，结果正确。',
    rationale: '回答B用 // 做除法，会把平均值截断成整数，[1, 2] 的结果是 1，这是错误的。回答A用 / 除法，得到 1.5，是正确的。\n\n\\boxed{A}',
    expected: 'aligned',
  },
  {
    id: 'ho-zh-style',
    split: 'holdout1',
    note: 'Chinese rationale praising comments and naming only',
    goldLabel: 'A',
    gold: '回答A更好。回答B在计算平均值时使用了整数除法 //，导致结果被截断，例如 [1, 2] 的平均值得到 1 而不是 1.5。回答A使用了普通除法，结果正确。',
    rationale: '回答A的代码注释更充分，变量命名也更规范，可读性更好。回答B的代码风格一般。\n\n\\boxed{A}',
    expected: 'misaligned',
  },
  {
    id: 'ho-fr-grammar',
    split: 'holdout1',
    note: 'French: agreement error identified',
    goldLabel: 'B',
    gold: "La réponse B est meilleure. La réponse A fait une faute d'accord : elle écrit « les fleurs que j'ai cueilli » au lieu de « cueillies », alors que le participe passé s'accorde avec le complément placé avant. La réponse B corrige cette faute et explique la règle.",
    rationale:
      "La réponse A laisse « cueilli » sans accord, alors que le complément « les fleurs » est placé avant l'auxiliaire avoir : il faut écrire « cueillies ». La réponse B fait la correction et rappelle la règle d'accord du participe passé.\n\n\\boxed{B}",
    expected: 'aligned',
  },
  {
    id: 'ho-fr-length',
    split: 'holdout1',
    note: 'French: only length/clarity remarks',
    goldLabel: 'B',
    gold: "La réponse B est meilleure. La réponse A fait une faute d'accord : elle écrit « les fleurs que j'ai cueilli » au lieu de « cueillies », alors que le participe passé s'accorde avec le complément placé avant. La réponse B corrige cette faute et explique la règle.",
    rationale: 'La réponse B est plus claire et mieux structurée que la réponse A, qui est un peu longue.\n\n\\boxed{B}',
    expected: 'misaligned',
  },
  {
    id: 'ho-arena-long-own-answer',
    split: 'holdout1',
    note: 'Arena-Hard style: long own answer, then the decisive point stated briefly',
    goldLabel: 'B',
    gold: 'Response B is better. The question asks for the time complexity of building a binary heap from n elements with the bottom-up method, which is O(n). Response A answers O(n log n), confusing heap construction with n successive insertions. Response B gives O(n) and explains the sum over levels.',
    rationale:
      "My own answer: Building a heap bottom-up calls sift-down on each internal node. Nodes near the bottom are cheap to sift, and summing the work over the levels gives a geometric series bounded by 2n, so the total is O(n).\n\nComparing the assistants' answers:\n\nAssistant A says O(n log n). That would be the cost of inserting the n elements one at a time, not of the bottom-up construction, so the answer is incorrect.\n\nAssistant B correctly states O(n) and sketches the level-by-level sum.\n\nMy final verdict is: Assistant B is significantly better: [[B>>A]]",
    expected: 'aligned',
  },
  {
    id: 'ho-arena-both-wrong-ish',
    split: 'holdout1',
    note: 'Arena-Hard style: prefers B but says both answers are O(n log n) — the decisive error is not identified',
    goldLabel: 'B',
    gold: 'Response B is better. The question asks for the time complexity of building a binary heap from n elements with the bottom-up method, which is O(n). Response A answers O(n log n), confusing heap construction with n successive insertions. Response B gives O(n) and explains the sum over levels.',
    rationale:
      "Both assistants discuss heaps competently. Assistant B's explanation is better organized, with a clear introduction and a worked example on a small array, while Assistant A jumps straight into the formula.\n\nMy final verdict is: Assistant B is slightly better: [[B>A]]",
    expected: 'misaligned',
  },
  {
    id: 'ho-hs3-tone',
    split: 'holdout1',
    note: 'HelpSteer3-style human gold about tone; rationale agrees in other words',
    goldLabel: 'A',
    gold: '@Response 1 is better than @Response 2. The user is grieving their dog and @Response 1 acknowledges the loss with empathy before offering practical suggestions, whereas @Response 2 jumps straight into a clinical list of steps and sounds cold.',
    rationale:
      'Response 1 opens by recognising how painful losing a pet is and responds with warmth, then gives gentle suggestions. Response 2 immediately lists procedures in a detached, impersonal way that ignores the emotional context.\n\n\\boxed{A}',
    expected: 'aligned',
  },
  {
    id: 'ho-hs3-tone-missed',
    split: 'holdout1',
    note: 'HelpSteer3-style: prefers Response 1 for more suggestions, not for empathy',
    goldLabel: 'A',
    gold: '@Response 1 is better than @Response 2. The user is grieving their dog and @Response 1 acknowledges the loss with empathy before offering practical suggestions, whereas @Response 2 jumps straight into a clinical list of steps and sounds cold.',
    rationale: 'Response 1 provides more practical suggestions (a memorial, a photo book, a donation to a shelter) than Response 2, which only lists three steps.\n\n\\boxed{A}',
    expected: 'misaligned',
  },

  // ---- Held-out batch 2: written after all tuning (see the header for its one fix). ----
  {
    id: 'h2-temperature',
    split: 'holdout2',
    note: 'unit conversion paraphrase',
    goldLabel: 'B',
    gold: 'Response B is better. Response A converts 98.6 °F to Celsius by subtracting 32 and multiplying by 9/5, getting 118.8 °C, which is wrong; the factor should be 5/9. Response B applies (F − 32) × 5/9 and correctly gets 37 °C.',
    rationale:
      "Assistant A uses the wrong conversion factor: it multiplies by 9/5 instead of 5/9, so its 118.8 °C result for body temperature is absurd. Assistant B uses the right formula and arrives at 37 °C.\n\nMy final verdict is: Assistant B is significantly better: [[B>>A]]",
    expected: 'aligned',
  },
  {
    id: 'h2-temperature-vague',
    split: 'holdout2',
    note: 'vague "more accurate and clearer"',
    goldLabel: 'B',
    gold: 'Response B is better. Response A converts 98.6 °F to Celsius by subtracting 32 and multiplying by 9/5, getting 118.8 °C, which is wrong; the factor should be 5/9. Response B applies (F − 32) × 5/9 and correctly gets 37 °C.',
    rationale: "Assistant B's answer is more accurate and clearer overall, and it is nicely formatted.\n\nMy final verdict is: [[B>A]]",
    expected: 'misaligned',
  },
  {
    id: 'h2-missing-await',
    split: 'holdout2',
    note: 'JS async bug',
    goldLabel: 'A',
    gold: '@Response 1 is better because @Response 2 forgets to await the fetch call, so `data` is a pending Promise and `data.items` is undefined. @Response 1 awaits both fetch() and res.json() before using the result.',
    rationale:
      '- Response 2 calls `fetch(url)` without `await`, so it works with a Promise instead of the parsed body and `data.items` ends up undefined.\n- Response 1 awaits the request and the JSON parsing, so the data is ready when used.\n\n\\boxed{A}',
    expected: 'aligned',
  },
  {
    id: 'h2-missing-await-other',
    split: 'holdout2',
    note: 'JS: prefers Response 1 for its try/catch only',
    goldLabel: 'A',
    gold: '@Response 1 is better because @Response 2 forgets to await the fetch call, so `data` is a pending Promise and `data.items` is undefined. @Response 1 awaits both fetch() and res.json() before using the result.',
    rationale: 'Response 1 wraps the request in a try/catch block and logs network failures, which is good practice. Response 2 has no error handling.\n\n\\boxed{A}',
    expected: 'misaligned',
  },
  {
    id: 'h2-privacy',
    split: 'holdout2',
    note: 'safety/privacy reason',
    goldLabel: 'B',
    gold: "Response B is better. The user asks for the home address of a named private individual. Response A provides a specific street address, which violates the person's privacy and could enable stalking. Response B declines to share personal information and suggests contacting the person through official channels.",
    rationale:
      "Response A gives out what looks like a private person's home address. Sharing that kind of personal data is a privacy violation and could put the person at risk. Response B refuses to disclose it and points the user to legitimate ways of getting in touch.\n\n\\boxed{B}",
    expected: 'aligned',
  },
  {
    id: 'h2-summary-wrong-reason',
    split: 'holdout2',
    note: 'summary: gold says A omits the main finding; rationale says A invents a detail (different reason)',
    goldLabel: 'B',
    gold: "Response B is better because it states the paper's main finding, that the new vaccine reduced hospitalisations by 60 percent. Response A summarises only the study design and never mentions the result.",
    rationale: 'Response A adds a claim that the trial was run in twelve countries, which is not in the abstract, so it introduces unsupported information. Response B sticks to the source.\n\n\\boxed{B}',
    expected: 'misaligned',
  },
  {
    id: 'h2-probability-swapped',
    split: 'holdout2',
    note: 'swapped order, independence mistake attributed correctly after the swap',
    goldLabel: 'A',
    rationaleOrder: 'swapped',
    gold: 'Response A is better. Response B multiplies the probabilities of drawing two aces as if the draws were independent (4/52 × 4/52), but the cards are drawn without replacement, so the second factor must be 3/51. Response A correctly computes 4/52 × 3/51 = 1/221.',
    rationale:
      "Assistant A treats the two draws as independent and uses 4/52 twice, ignoring that the first ace is not put back. Assistant B correctly uses 3/51 for the second draw and gets 1/221.\n\n[[B>>A]]",
    expected: 'aligned',
  },
  {
    id: 'h2-probability-swapped-misread',
    split: 'holdout2',
    note: 'swapped order: it blames its "Assistant B", i.e. the original A, the gold winner',
    goldLabel: 'A',
    rationaleOrder: 'swapped',
    gold: 'Response A is better. Response B multiplies the probabilities of drawing two aces as if the draws were independent (4/52 × 4/52), but the cards are drawn without replacement, so the second factor must be 3/51. Response A correctly computes 4/52 × 3/51 = 1/221.',
    rationale:
      'Assistant B treats the two draws as independent and uses 4/52 twice, ignoring that the first ace is not put back. Assistant A nevertheless lays out its steps more clearly.\n\n[[A>B]]',
    expected: 'misaligned',
  },
  {
    id: 'h2-ja-aligned',
    split: 'holdout2',
    note: 'Japanese gold and rationale, same reason',
    goldLabel: 'A',
    gold: '回答Aの方が良い。回答Bは消費税の計算で税率を8%としているが、問題文では10%と指定されているため、合計金額が誤っている。回答Aは10%で正しく計算している。',
    rationale: '回答Bは税率を8%で計算しており、問題で指定された10%を使っていないので合計が誤り。回答Aは10%の税率で正しく計算している。\n\n\\boxed{A}',
    expected: 'aligned',
  },
  {
    id: 'h2-ja-vague',
    split: 'holdout2',
    note: 'Japanese, vague',
    goldLabel: 'A',
    gold: '回答Aの方が良い。回答Bは消費税の計算で税率を8%としているが、問題文では10%と指定されているため、合計金額が誤っている。回答Aは10%で正しく計算している。',
    rationale: '回答Aの方が説明が丁寧で読みやすい。回答Bはやや簡潔すぎる。\n\n\\boxed{A}',
    expected: 'misaligned',
  },
  {
    id: 'h2-arena-fluff-plus-key',
    split: 'holdout2',
    note: 'Arena-Hard style: mostly generic, but states the key error once',
    goldLabel: 'B',
    gold: 'Response B is better. The prompt asks for the capital of Australia; Response A says Sydney, which is wrong, while Response B correctly answers Canberra.',
    rationale:
      "My own answer: The capital of Australia is Canberra.\n\nAssistant A's answer is concise and confident, but it names Sydney, which is incorrect — Sydney is the largest city, not the capital.\n\nAssistant B's answer is helpful, relevant, and concise, and it correctly gives Canberra.\n\nIn terms of creativity and novelty, neither answer needs any.\n\nMy final verdict is: Assistant B is significantly better: [[B>>A]]",
    expected: 'aligned',
  },
  {
    id: 'h2-false-friend',
    split: 'holdout2',
    note: 'translation false friend, English/French mix',
    goldLabel: 'B',
    gold: 'Response B is better. Response A translates "actually" as "actuellement", a false friend that means "currently" in French; the correct rendering is "en fait". Response B uses "en fait".',
    rationale:
      'Response A falls into the classic false-friend trap: "actuellement" means "currently", not "actually". Response B correctly uses "en fait", which preserves the meaning.\n\n\\boxed{B}',
    expected: 'aligned',
  },
  {
    id: 'h2-inverted-polarity',
    split: 'holdout2',
    note: 'restates the gold topic but says the winner is the one that fails',
    goldLabel: 'B',
    gold: 'Response B is better. Response A translates "actually" as "actuellement", a false friend that means "currently" in French; the correct rendering is "en fait". Response B uses "en fait".',
    rationale: 'Response B mistranslates "actually" with a false friend, while Response A handles the idiom correctly. I still prefer Response B for its more natural overall phrasing.\n\n\\boxed{B}',
    expected: 'misaligned',
  },
  {
    id: 'h2-one-word',
    split: 'holdout2',
    note: 'instruction: answer in one word',
    goldLabel: 'A',
    gold: 'Response A is better because the user explicitly asked for a one-word answer. Response A answers "Jupiter" and nothing else, while Response B gives a three-paragraph explanation, ignoring the format instruction.',
    rationale:
      'The user asked for a single word. Response A replies with just "Jupiter", exactly as instructed. Response B writes several paragraphs about the planets, disregarding the one-word constraint.\n\n\\boxed{A}',
    expected: 'aligned',
  },
  {
    id: 'h2-one-word-accuracy',
    split: 'holdout2',
    note: 'same gold; rationale talks about factual accuracy only (both are correct)',
    goldLabel: 'A',
    gold: 'Response A is better because the user explicitly asked for a one-word answer. Response A answers "Jupiter" and nothing else, while Response B gives a three-paragraph explanation, ignoring the format instruction.',
    rationale: 'Response A correctly identifies Jupiter as the largest planet. Response B is also correct but mentions an outdated figure for the number of moons.\n\n\\boxed{A}',
    expected: 'misaligned',
  },
  {
    id: 'h2-hs3-list',
    split: 'holdout2',
    note: 'HelpSteer3 gold; bullet-list rationale with the reason in a sub-item',
    goldLabel: 'B',
    gold: '@Response 2 is better than @Response 1 because @Response 1 suggests deleting the node_modules folder and the lock file, which does not fix the peer-dependency conflict, whereas @Response 2 correctly explains that the two packages require incompatible React versions and shows how to pin a compatible version.',
    rationale:
      "**Response 1**\n- Suggests removing node_modules and package-lock.json and reinstalling.\n  - This does not address the actual cause: the conflicting peer dependency on React.\n\n**Response 2**\n- Identifies that the two libraries need different React major versions.\n- Shows how to pin a version that satisfies both.\n\n\\boxed{B}",
    expected: 'aligned',
  },
];
