/**
 * Keeps the record's title bar on one line, whatever the pane's width and the id's length: toolbar
 * items move into the "More actions" menu, lowest priority first (`data-overflow`: 1 goes first),
 * while the bar overflows or the id would be ellipsized below a readable length. The menu lists only
 * what is not on the bar. Measured, not guessed: button widths depend on the theme's font.
 */

/** Characters of an id kept readable before a toolbar item gives way to it. */
const ID_MIN_CHARS = 18;

function fit(title: HTMLElement): void {
  if (!title.isConnected) return;
  const items = [...title.querySelectorAll<HTMLElement>('[data-overflow]')].sort((a, b) => Number(a.dataset.overflow) - Number(b.dataset.overflow));
  const more = title.querySelector<HTMLElement>('.toolbar-more');
  const id = title.querySelector<HTMLElement>('.record-id');
  for (const el of items) el.classList.remove('overflowed');
  if (more) more.hidden = false;
  const idMin = id ? parseFloat(getComputedStyle(id).fontSize) * 0.6 * ID_MIN_CHARS : 0;
  const cramped = () => title.scrollWidth > title.clientWidth + 1 || (id !== null && id.clientWidth + 1 < Math.min(id.scrollWidth, idMin));
  let moved = 0;
  for (const el of items) {
    if (!cramped()) break;
    el.classList.add('overflowed');
    moved++;
  }
  for (const el of items) {
    const entry = title.querySelector<HTMLElement>(`.toolbar-menu [data-menu-action="${el.dataset.menu ?? ''}"]`);
    if (entry) entry.hidden = !el.classList.contains('overflowed');
  }
  if (more) more.hidden = moved === 0;
  title.dataset.overflowed = String(moved);
}

/** Fits `title` now and whenever it or one of its items changes size (custom elements draw late). */
export function watchToolbar(title: HTMLElement): void {
  let frame = 0;
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(() => {
      frame = 0;
      fit(title);
    });
  };
  const observer = new ResizeObserver(schedule);
  observer.observe(title);
  for (const el of title.querySelectorAll<HTMLElement>('[data-overflow], .record-id')) observer.observe(el);
  schedule();
}
