/** A permutation job's best ordering: item indices position by position (long orderings abbreviated; the exports hold all). */
import type { OrderingResult } from "../../server/results.server";

const SHOWN = 300;

export function OrderingView({ ordering }: { ordering: OrderingResult }) {
  const { order, value } = ordering;
  const shown = order.slice(0, SHOWN);
  return (
    <section aria-labelledby="ordering-title">
      <h2 id="ordering-title">Best ordering{value !== null ? ` — objective ${value.toLocaleString("en-US")}` : ""}</h2>
      <p className="help">Item indices (0-based) in the order found, first to last; {order.length} items.</p>
      <p className="card" data-testid="best-ordering" style={{ overflowWrap: "anywhere", fontFamily: "monospace" }}>
        {shown.join(" → ")}
        {order.length > SHOWN ? ` → … (${order.length - SHOWN} more in the JSON and CSV exports)` : ""}
      </p>
    </section>
  );
}
