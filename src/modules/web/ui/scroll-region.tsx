import type { ComponentChildren } from 'preact';

/**
 * A box that scrolls sideways when its content is wider than the screen (a table, a long line of
 * code), as WCAG 1.4.10 allows for such content. It is focusable so that keyboard users can scroll
 * it, and named by its heading or caption so that screen reader users know what it holds.
 */
export function ScrollRegion({
  labelledBy,
  children,
  class: className,
}: {
  labelledBy: string;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a named, focusable scroll box is a region, not a section of the outline.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users must be able to scroll it (axe scrollable-region-focusable).
    <div class={className ?? 'quai-scroll-region'} role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
