/**
 * Replaces a container's content outright, with the very elements given. The classroom
 * screens keep live parts (the board, the feed, the countdown, the watched datacenter) as
 * elements they go on updating, and some carry listeners of their own, so those elements
 * must be the ones on the page; ui/dom.ts's `rebuild` morphs fresh content into the old
 * elements instead (right for panels redrawn under the pointer, wrong for these).
 */
export function swap(container: Element, ...children: (Node | string | null | undefined | false)[]): void {
  container.replaceChildren(
    ...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false),
  );
}
