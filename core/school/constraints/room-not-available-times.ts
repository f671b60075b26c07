import type { ConstraintDefinition } from "./types";
import { slotList } from "./util";

export const roomNotAvailableTimes: ConstraintDefinition = {
  type: "ConstraintRoomNotAvailableTimes",
  list: "space",
  description: "A room is not used in the listed slots. One violation per hour an activity occupies the room inside them.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const room = ctx.room(f, "Room");
    const slotCost = new Int32Array(ctx.nSlots);
    for (const s of slotList(ctx, f, "Not_Available_Time", "Day", "Hour")) slotCost[s] = 1;
    return [{ shape: "roomSlot", source: c, weight: c.weight, room, slotCost }];
  },
};
