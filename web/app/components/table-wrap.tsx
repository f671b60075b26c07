/**
 * A wide table's horizontal scroller (`.table-wrap`). When its table is wider than the screen (a phone),
 * the scroller is a named, focusable region so keyboard users can scroll it too (axe
 * scrollable-region-focusable); when everything fits it is a plain box with no extra tab stop.
 *
 * The server cannot measure, so the page arrives with the region focusable; once the browser has run
 * the page, a table that fits drops it. (The other way round, a phone would show a scroller no key
 * reaches until the page's scripts run, which on a slow phone or a busy machine can take seconds.)
 * The check runs again whenever the scroller or its table changes size.
 */
import { useEffect, useRef, useState, type ReactNode } from "react";

export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="table-wrap" {...(scrolls ? { tabIndex: 0, role: "region", "aria-label": label } : {})}>
      {children}
    </div>
  );
}
