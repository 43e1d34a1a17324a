/** What each command of the key map (logic/keys.ts) does in the Inspector: the app gives the targets. */
import type { KeyCommand, RecordAction } from '../logic/keys';
import { isListMove, isRecordAction } from '../logic/keys';
import { send } from '../vscodeApi/inspectorApi';
import type { ListPane } from './listPane';
import type { Section, ViewChange } from './recordPane';
import type { ViewState } from './state';

export interface KeyTargets {
  readonly pane: ListPane;
  readonly state: ViewState;
  /** The record shown, if any. */
  recordIndex(): number | null;
  act(action: RecordAction): void;
  toggleSection(section: Section): void;
  foldHeader(folded: boolean): void;
  setView(change: ViewChange): void;
  undoMark(): void;
  toggleHelp(): void;
}

export function runKeyCommand(command: KeyCommand, t: KeyTargets): void {
  if (isRecordAction(command)) return t.act(command);
  if (isListMove(command)) return t.pane.move(command);
  switch (command) {
    case 'next':
      return t.pane.step(1);
    case 'previous':
      return t.pane.step(-1);
    case 'next-spurious':
      return t.pane.jumpTo('spurious', 1);
    case 'previous-spurious':
      return t.pane.jumpTo('spurious', -1);
    case 'search':
      return t.pane.focusSearch();
    case 'thinking':
    case 'responses':
    case 'prompt':
      return t.toggleSection(command);
    case 'header':
      return t.foldHeader(!t.state.headerFolded);
    case 'rendered':
      return t.setView({ rendered: !t.state.rendered });
    case 'highlights':
      return t.setView({ highlights: t.state.highlights === 'all' ? 'differences' : 'all' });
    case 'reveal':
    case 'copy-link': {
      const index = t.recordIndex();
      if (index !== null) send({ type: command === 'reveal' ? 'reveal' : 'copyLink', index });
      return;
    }
    case 'undo-mark':
      return t.undoMark();
    case 'help':
      return t.toggleHelp();
  }
}
