/**
 * A wide table's scrolling box: focusable and named, so that a keyboard user can scroll it too
 * (axe's scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
