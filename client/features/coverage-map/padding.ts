// The part of the map the side panels cover, as camera padding: the centre of the view, flyTo and
// fitBounds then fall in the part a person can see rather than under a panel.
export interface Box { left: number; right: number; top: number; bottom: number }
export interface Padding { top: number; right: number; bottom: number; left: number }

const GAP = 8;

/** Padding for a map box with a panel on the left and one on the right (null when collapsed or absent).
 *  A panel narrower than the map's third counts in full; never more than 45 % of the width per side,
 *  so a very narrow window still has a map in the middle. */
export function panelPadding(map: Box, leftPanel: Box | null, rightPanel: Box | null): Padding {
  const width = Math.max(0, map.right - map.left);
  const cap = Math.floor(width * 0.45);
  const left = leftPanel ? Math.min(cap, Math.max(0, Math.round(leftPanel.right - map.left + GAP))) : 0;
  const right = rightPanel ? Math.min(cap, Math.max(0, Math.round(map.right - rightPanel.left + GAP))) : 0;
  return { top: 0, right, bottom: 0, left };
}
