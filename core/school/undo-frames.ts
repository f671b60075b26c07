/**
 * The Board's undo frames (board.ts). The solver scores a move by making it and undoing it (unplace
 * a, place a elsewhere, read the costs, unplace a, place a back). Each place / unplace keeps a frame:
 * the costs before it and, in an UndoLog (tally.ts), the old values of the day values and violations
 * it changed. A call that exactly undoes the newest frame (unplace of the activity that frame placed;
 * place of the activity that frame unplaced, at the same start and room) updates the occupancy and
 * tallies and puts those values back instead of evaluating the days and sets again. The frame a call
 * undid is kept with its values after, so that making the same call again at once (the next
 * candidate's unplace from the same start) is replayed too. Everything the Board keeps is a function
 * of the timetable (its sums are exact integers), so the result is the same; a virtual room's real
 * rooms may be chosen again differently, so the Board never asks for such a place to be replayed.
 */
import { UndoLog } from "./tally";

export const PLACE = 1;
export const UNPLACE = 2;
/** At most this many undo frames; one more starts over with none. */
const MAX_FRAMES = 64;
/** Per frame: localHard, localSoft, resHard, resSoft, setHard, setSoft, tallies.hard, tallies.soft, and the activity's actHard, actSoft. */
const FRAME_COSTS = 10;

/** What the frames read and write on the Board. */
export interface FramedBoard {
  readonly actHard: Int32Array;
  readonly actSoft: Float64Array;
  /** The eight costs into c[o..o+8), and back. */
  saveCosts(c: Float64Array, o: number): void;
  loadCosts(c: Float64Array, o: number): void;
  /** The array entry an UndoLog triple (code, index) names, and setting it. */
  loggedValue(code: number, i: number): number;
  setLogged(code: number, i: number, v: number): void;
}

export class UndoFrames {
  /** The old values the newest frames' calls changed (the Board and its tallies note them while a frame is open). */
  readonly log = new UndoLog();
  /** After `replaysPlace`: the activity's own unary hard and soft cost to restore. */
  ownHard = 0;
  ownSoft = 0;
  private readonly board: FramedBoard;
  /** Frames, newest last: op, activity, start, room, where its log starts, and the costs before it. */
  private frames = 0;
  private readonly frameOp = new Int8Array(MAX_FRAMES);
  private readonly frameAct = new Int32Array(MAX_FRAMES);
  private readonly frameStart = new Int32Array(MAX_FRAMES);
  private readonly frameRoom = new Int32Array(MAX_FRAMES);
  private readonly frameLog = new Int32Array(MAX_FRAMES);
  private readonly frameCosts = new Float64Array(MAX_FRAMES * FRAME_COSTS);
  /** The frame `pop` dropped last, while nothing has changed since (redoOp 0: none): its log entries, values after and costs after. */
  private redoOp = 0;
  private redoAct = 0;
  private redoStart = 0;
  private redoRoom = 0;
  private redoFrom = 0;
  private redoTo = 0;
  private redoValues = new Int32Array(1024);
  private readonly redoCosts = new Float64Array(FRAME_COSTS);

  constructor(board: FramedBoard) {
    this.board = board;
  }

  /**
   * Whether place(a, s, r) (not in a virtual room) undoes the newest frame (an unplace of a from s, r) or
   * makes again the place just undone. If so, the day values, violations and costs are already put back, and
   * `ownHard` / `ownSoft` hold the activity's own costs; the caller does the occupancy and tallies.
   */
  replaysPlace(a: number, s: number, r: number): boolean {
    const f = this.frames - 1;
    if (f >= 0 && this.frameOp[f] === UNPLACE && this.frameAct[f] === a && this.frameStart[f] === s && this.frameRoom[f] === r) {
      this.pop();
      this.ownHard = this.frameCosts[f * FRAME_COSTS + 8];
      this.ownSoft = this.frameCosts[f * FRAME_COSTS + 9];
      return true;
    }
    if (this.redoOp === PLACE && this.redoAct === a && this.redoStart === s && this.redoRoom === r) {
      this.redo();
      this.ownHard = this.redoCosts[8];
      this.ownSoft = this.redoCosts[9];
      return true;
    }
    return false;
  }

  /** Whether unplace(a) undoes the newest frame (a place of a) or makes again the unplace just undone; if so, as `replaysPlace`. */
  replaysUnplace(a: number): boolean {
    const f = this.frames - 1;
    if (f >= 0 && this.frameOp[f] === PLACE && this.frameAct[f] === a) {
      this.pop();
      return true;
    }
    if (this.redoOp === UNPLACE && this.redoAct === a) {
      this.redo();
      return true;
    }
    return false;
  }

  /** A new newest frame for a place / unplace about to be computed (the log records its changes until `end`). */
  push(op: number, a: number, s: number, r: number): void {
    this.redoOp = 0;
    if (this.frames === MAX_FRAMES) {
      this.frames = 0;
      this.log.length = 0;
    }
    const f = this.frames++;
    this.frameOp[f] = op;
    this.frameAct[f] = a;
    this.frameStart[f] = s;
    this.frameRoom[f] = r;
    this.frameLog[f] = this.log.length;
    this.board.saveCosts(this.frameCosts, f * FRAME_COSTS);
    this.frameCosts[f * FRAME_COSTS + 8] = this.board.actHard[a];
    this.frameCosts[f * FRAME_COSTS + 9] = this.board.actSoft[a];
    this.log.on = true;
  }

  /** The computed place / unplace is done: the log stops recording. */
  end(): void {
    this.log.on = false;
  }

  /**
   * Undo the newest frame's day values, violations and costs and drop it (the caller undoes its
   * occupancy and tallies). Its values and costs after the call are kept for `redo` first.
   */
  private pop(): void {
    const b = this.board;
    const f = --this.frames;
    const e = this.log.entries;
    const from = this.frameLog[f];
    const to = this.log.length;
    if (this.redoValues.length < (to - from) / 3) this.redoValues = new Int32Array(2 * this.log.entries.length);
    const after = this.redoValues;
    for (let k = from; k < to; k += 3) after[(k - from) / 3] = b.loggedValue(e[k], e[k + 1]);
    const a = this.frameAct[f];
    const rc = this.redoCosts;
    b.saveCosts(rc, 0);
    rc[8] = b.actHard[a];
    rc[9] = b.actSoft[a];
    this.redoOp = this.frameOp[f];
    this.redoAct = a;
    this.redoStart = this.frameStart[f];
    this.redoRoom = this.frameRoom[f];
    this.redoFrom = from;
    this.redoTo = to;
    for (let k = to - 3; k >= from; k -= 3) b.setLogged(e[k], e[k + 1], e[k + 2]);
    this.log.length = from;
    b.loadCosts(this.frameCosts, f * FRAME_COSTS);
  }

  /**
   * Make again the place / unplace whose frame `pop` just dropped (nothing has changed since, so
   * it changes the same values the same way): its frame and log come back, its values and costs after
   * are put back. The caller redoes its occupancy and tallies.
   */
  private redo(): void {
    const b = this.board;
    const f = this.frames++;
    const a = this.redoAct;
    this.frameOp[f] = this.redoOp;
    this.frameAct[f] = a;
    this.frameStart[f] = this.redoStart;
    this.frameRoom[f] = this.redoRoom;
    this.frameLog[f] = this.redoFrom;
    b.saveCosts(this.frameCosts, f * FRAME_COSTS);
    this.frameCosts[f * FRAME_COSTS + 8] = b.actHard[a];
    this.frameCosts[f * FRAME_COSTS + 9] = b.actSoft[a];
    const e = this.log.entries;
    const after = this.redoValues;
    for (let k = this.redoFrom; k < this.redoTo; k += 3) b.setLogged(e[k], e[k + 1], after[(k - this.redoFrom) / 3]);
    this.log.length = this.redoTo;
    b.loadCosts(this.redoCosts, 0);
    this.redoOp = 0;
  }
}
