/**
 * A wide table's horizontal scroller (`.table-wrap`). When its table is wider than the screen (a phone),
 * the scroller becomes a named, focusable region so keyboard users can scroll it too (axe
 * scrollable-region-focusable); when everything fits it stays a plain box with no extra tab stop.
 */
import { useEffect, useRef, useState, type ReactNode } from "react";

export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="table-wrap" {...(scrolls ? { tabIndex: 0, role: "region", "aria-label": label } : {})}>
      {children}
    </div>
  );
}
