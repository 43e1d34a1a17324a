/**
 * The Inspector's Themes requests: the file's failure themes (presentation/themesService.ts), a
 * ratification saved beside the file then the themes again, and the list filtered by a theme (the
 * list service's theme restriction; the webview asks for the list again).
 */
import type { DatasetSession } from '../../core/session/session';
import type { FromWebview, ToWebview } from '../../protocol/messages';
import type { ListService } from '../../presentation/listService';
import { SessionThemes } from '../../presentation/themesService';

type ThemesMessage = Extract<FromWebview, { type: 'themes' | 'filterTheme' }>;

export class InspectorThemes {
  private filter: string | null = null;

  constructor(
    private readonly list: ListService,
    private readonly post: (m: ToWebview) => void,
    /** Cancellable requests, by request id (the webview's `cancel`). */
    private readonly ops: Map<number, AbortController>,
  ) {}

  async handle(m: ThemesMessage, session: DatasetSession): Promise<void> {
    const op = new AbortController();
    this.ops.set(m.requestId, op);
    try {
      const themes = SessionThemes.for(session);
      const progress = (done: number, total: number) => this.post({ type: 'progress', requestId: m.requestId, phase: 'themes', done, total });
      if (m.type === 'filterTheme') {
        if (m.theme !== null) await themes.themes(op.signal, progress);
        const indexes = m.theme === null ? null : themes.recordsOf(m.theme);
        if (m.theme !== null && indexes === null) throw new Error(`There is no theme "${m.theme}" in this file any more.`);
        this.filter = m.theme;
        this.list.restrictToTheme(indexes, `failure theme "${themes.titleOf(m.theme ?? '') ?? ''}": its ${indexes?.length ?? 0} records; clear the theme filter to list all`);
        this.post({ type: 'invalidate', reason: 'verdicts' });
      } else if (m.action !== null && m.theme !== null) {
        await themes.themes(op.signal, progress);
        await themes.ratify(m.action, m.theme, { ...(m.title !== null ? { title: m.title } : {}), others: m.others });
      }
      const view = await themes.view(op.signal, progress, this.filter);
      // A theme merged, split or dismissed away no longer filters the list.
      if (this.filter !== null && !view.themes.some((t) => t.id === this.filter)) {
        this.filter = null;
        this.list.restrictToTheme(null, '');
        this.post({ type: 'invalidate', reason: 'verdicts' });
      }
      if (!op.signal.aborted) this.post({ type: 'themes', requestId: m.requestId, view: { ...view, filter: this.filter } });
    } finally {
      this.ops.delete(m.requestId);
    }
  }
}
