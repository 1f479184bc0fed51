/**
 * Tabs, made from sections: a `[data-tabs]` element whose `[data-tab-panel]` children each start
 * with a heading. Without this script the sections simply follow one another. With it, the
 * headings become tabs (WAI-ARIA tabs pattern): one panel shows at a time, arrow keys, Home and
 * End move between tabs, and the panel's heading stays for screen readers.
 */
for (const container of document.querySelectorAll<HTMLElement>('[data-tabs]')) makeTabs(container);

function makeTabs(container: HTMLElement): void {
  const panels = [...container.querySelectorAll<HTMLElement>(':scope > [data-tab-panel]')];
  if (panels.length < 2) return;
  const tablist = document.createElement('div');
  tablist.setAttribute('role', 'tablist');
  tablist.setAttribute('aria-label', container.dataset.tabsLabel ?? '');
  const tabs = panels.map((panel, index) => {
    const heading = panel.querySelector<HTMLElement>('h2, h3, h4');
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.id = `${panel.id}-onglet`;
    tab.textContent = heading?.textContent ?? String(index + 1);
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-controls', panel.id);
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', tab.id);
    heading?.classList.add('quai-visually-hidden');
    tab.addEventListener('click', () => select(index, false));
    tablist.append(tab);
    return tab;
  });

  function select(index: number, focus: boolean): void {
    tabs.forEach((tab, current) => {
      const selected = current === index;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      (panels[current] as HTMLElement).hidden = !selected;
    });
    if (focus) tabs[index]?.focus();
  }

  tablist.addEventListener('keydown', (event) => {
    const current = tabs.indexOf(document.activeElement as HTMLButtonElement);
    if (current < 0) return;
    const last = tabs.length - 1;
    const next = {
      ArrowRight: current === last ? 0 : current + 1,
      ArrowLeft: current === 0 ? last : current - 1,
      Home: 0,
      End: last,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(next, true);
  });

  container.prepend(tablist);
  select(0, false);
}
