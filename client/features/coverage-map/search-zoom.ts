// How close search flies for each kind of thing found: a building with a few neighbours around it, a
// station a little closer (its icon sits on a building), an enterprise at its building's zoom.
const ZOOM: Record<string, number> = { building: 16, enterprise: 16, station: 16.5 };

export const searchZoom = (kind: string): number => ZOOM[kind] ?? 15.5;
