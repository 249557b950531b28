/**
 * The classroom room: one instructor's round. It owns the seats, the round (one engine
 * world per student or team) and the synchronised state, and it is the only place that
 * decides who may do what.
 *
 * - Roles come from keys checked here: the host key makes a host, the projector key a
 *   projector, anything else a student; what the client claims is never trusted.
 * - The round advances in fixed ticks from `setSimulationInterval` (1000 / speed ms);
 *   commands are shape-checked with the shared `parseCommand`, queued, applied at the next
 *   tick and answered with a "reply" (accepted, or refused with a code and a sentence).
 *   A round may open with a planning phase (planning.ts): commands apply, the clock waits.
 * - A class plays rounds one after another under the same code and seats (newRound.ts).
 * - StateView: a student's view holds their own cluster; a host's or projector's view the
 *   cluster they spectate. Rows and seats are visible to all.
 * - Dropped connections keep their seat for `reconnectSeconds` (allowReconnection); after
 *   that the seat token still finds the seat. The room outlives its host's disconnection.
 * - Crash recovery: seats, clusters, settings and every tick's commands are journaled
 *   (storage/journal.ts) before anyone is answered; a room whose grant says `restore`
 *   rebuilds itself from that journal (recovery.ts) and waits, paused, for the instructor.
 * - Only the server creates a room, with a one-use grant; one room per classroom
 *   (roomGrant.ts). A join is judged against this classroom's code, keys and seats
 *   (joining.ts) before a seat is reserved (`admit`, called by the matchmaking front), and
 *   again when the client connects (`onAuth`); pending reservations are bounded (admission.ts).
 * - Its helpers (the tick, the host's controls, replies, seating, results, recovery) see it
 *   through the Classroom interface (classroom.ts), which it implements.
 */
import { Room, SchemaSerializer, ServerError, type Client, type RoomException, type Serializer } from "@colyseus/core";
import { claimClassroom, releaseClassroom, takeRoomGrant } from "./roomGrant.ts";
import { PENDING_LIMITS, PendingSeats } from "./admission.ts";
import { StateView } from "@colyseus/schema";
import {
  CLOSE_CODES,
  JOIN_ERRORS,
  RULES_VERSION,
  staleRules,
  type ClassSummary,
  type Phase,
  type Role,
  type Scenario,
  type Welcome,
} from "@overcommit/shared";
import { joinError, joinOptions, judgeJoin, seatStudent, type Admission } from "./joining.ts";
import { roomContext, type RoomContext } from "./context.ts";
import type { Classroom, ClientData } from "./classroom.ts";
import { mirrorWorld } from "./mirror.ts";
import { PatchSerializer } from "./patchSerializer.ts";
import { MirrorSchedule } from "./mirrorSchedule.ts";
import { Round, type Cluster } from "./round.ts";
import { journalTick, restoreClassroom } from "./recovery.ts";
import { PLANNING_INTERVAL_MS, planTick, resumedPlanningMs, secondsLeft } from "./planning.ts";
import { ClassroomState, ClusterState, SeatState, UnfilteredClassroomState } from "./schema.ts";
import { fillTeams, SeatBook, type Seat } from "./seats.ts";
import { DEFAULT_RATE_LIMIT, RateLimiter } from "./rateLimit.ts";
import { storeRound } from "./roundResults.ts";
import { hostHandlers, type HostHandlers } from "./hostActions.ts";
import { classIncidentsSoFar, publishClassView, tickRoom } from "./tick.ts";
import { giveCluster } from "./seating.ts";
import { dispatchMessage } from "./messages.ts";
import { SpectatorViews } from "./spectating.ts";
import { LIVE_PHASES, type ClassroomRow } from "../storage/classrooms.ts";

/** What the server passes to `matchMaker.createRoom`: the listing's join code and a grant (roomGrant.ts). */
export interface CreateOptions {
  readonly code: string;
  readonly grant: string;
}

/**
 * Colyseus locks a room whose clients plus reservations reach maxClients — to everyone,
 * the instructor included. This is above every bound the room keeps itself (seats,
 * viewers, pending reservations, reconnections), so that lock never happens.
 */
const MAX_CLIENTS = 1000;

export class ClassroomRoom extends Room<ClassroomState, unknown, ClientData> implements Classroom {
  ctx!: RoomContext;
  row!: ClassroomRow;
  scenario!: Scenario;
  round!: Round;
  readonly book = new SeatBook();
  /** Which clusters each tick mirrors into the state (tick.ts). */
  readonly mirrors = new MirrorSchedule<Cluster>((c, refresh) => {
    const cs = this.state.clusters.get(c.id);
    return cs ? mirrorWorld(cs, c.world, refresh) : 0;
  });
  phase: Phase = "lobby";
  private handlers!: HostHandlers;
  private readonly views = new SpectatorViews();
  private disposeTimer: { clear(): void } | null = null;
  /** Set while the server shuts down: the round stays live in storage, to be restored. */
  shuttingDown = false;
  /** Restored after a restart and not resumed yet: the instructor is told why it is paused. */
  restoredPaused = false;
  /** The last round's class summary by concept, sent to whoever joins after the end. */
  summary: ClassSummary | null = null;
  /** Planning time left (ms): counts down in "planning", kept while paused; 0 once the clock has started. */
  planningMs = 0;
  /** This room holds its classroom's claim (roomGrant.ts) and gives it back when disposed. */
  private claimed = false;
  private readonly pending = new PendingSeats(PENDING_LIMITS, (id) => {
    const r = this.reservedSeats[id];
    return r !== undefined && r[2] !== true && r[3] !== true;
  });
  /** The session `admit` is reserving a seat for right now (see _reserveSeat). */
  private admitting = "";

  override async onCreate(options: CreateOptions): Promise<void> {
    this.ctx = roomContext();
    const refuse = (message: string) => new ServerError(JOIN_ERRORS["bad-options"], message);
    // What to be comes from the server's grant alone, never from a client's options.
    const grant = await takeRoomGrant(this.presence, options?.grant);
    if (!grant)
      throw refuse("Classrooms are opened by the instructor from the website (Host a class); join one with its code.");
    const row = this.ctx.storage.classrooms.byId(grant.classroomId);
    const restoring = grant.restore;
    const phaseOk = restoring ? (LIVE_PHASES as readonly string[]).includes(row?.phase ?? "") : row?.phase === "new";
    // The listing is filtered by the code Colyseus took from the create options: it must be this classroom's.
    if (!row || !phaseOk || options.code !== row.code) throw refuse("This classroom cannot be opened.");
    const scenario = this.ctx.scenarios.get(row.scenario_id);
    if (!scenario) throw refuse(`Unknown scenario "${row.scenario_id}".`);
    if (restoring && scenario.version !== row.scenario_version)
      throw refuse(`Scenario "${scenario.id}" changed version since this classroom was created.`);
    // A round under way was played under its rules; stepped on under others it would not be the round it was.
    if (restoring && row.phase !== "lobby") {
      const stale = staleRules(row.rules_version, "This classroom's round", "played");
      if (stale) throw refuse(stale);
    }
    // Nothing is written before this: a room that should not exist leaves storage alone.
    if (!(await claimClassroom(this.presence, row.id, row.code, restoring)))
      throw refuse("This classroom already has its room.");
    this.claimed = true;
    try {
      this.open(row, scenario, restoring ? row.round_length : grant.length, restoring);
    } catch (err) {
      this.claimed = false;
      await releaseClassroom(this.presence, row.id);
      throw err;
    }
  }

  private open(row: ClassroomRow, scenario: Scenario, asked: number | undefined, restoring: boolean): void {
    this.row = row;
    this.scenario = scenario;
    const length = Number.isInteger(asked) && asked! > 0 ? Math.min(asked!, scenario.length) : scenario.length;
    this.round = new Round(scenario, row.seed, length);
    this.round.onTick = (tick, logged) => journalTick(this, tick, logged);
    this.maxClients = MAX_CLIENTS;
    this.autoDispose = false;
    const s = (
      this.ctx.config.unfilteredViews ? new UnfilteredClassroomState() : new ClassroomState()
    ) as ClassroomState;
    s.code = row.code;
    s.scenario = scenario.id;
    s.title = scenario.title;
    s.mode = row.mode;
    s.teamSize = row.team_size;
    s.phase = "lobby";
    s.speed = row.speed;
    s.tick = 0;
    s.length = length;
    s.locked = false;
    s.lateJoin = row.late_join === 1;
    s.planning = row.planning_seconds;
    s.planningLeft = 0;
    s.round = row.round;
    s.hostConnected = false;
    this.setState(s);
    this.handlers = hostHandlers(this);
    this.ctx.storage.classrooms.opened(row.id, this.ctx.owner, length, RULES_VERSION);
    if (restoring) restoreClassroom(this);
    else this.ctx.storage.classrooms.setPhase(row.id, "lobby");
    this.ctx.metrics.rooms++;
    // Colyseus calls the catch-all with (client, type, message) for every type without a
    // handler of its own, but with (client, message) when the client's type *is* "*": then
    // the one argument is the message (and its seq), not a type.
    this.onMessage("*", ((client: Client<ClientData>, ...args: unknown[]) => {
      if (args.length < 2) return dispatchMessage(this, this.handlers, client, "*", args[0]);
      const [type, message] = args;
      dispatchMessage(
        this,
        this.handlers,
        client,
        typeof type === "string" || typeof type === "number" ? String(type) : "*",
        message,
      );
    }) as (client: Client<ClientData>, type: string | number, message: unknown) => void);
    this.armDispose();
  }

  // ---- joining ----

  /**
   * A join, judged before its seat is reserved: the matchmaking front (matchmakeGuard.ts)
   * found this room by the code and calls this in the room's own process. Refusals come
   * back as values (they may cross processes) and no refused join holds a seat.
   */
  async admit(sessionId: string, options: unknown, address: string): Promise<Admission> {
    try {
      const o = joinOptions(options);
      const { claimant } = judgeJoin(this, o);
      const busy = this.pending.refusal(claimant, address);
      if (busy) throw joinError("busy", busy);
      this.admitting = sessionId;
      const reserving = this._reserveSeat(sessionId, o);
      this.admitting = "";
      this.pending.add(sessionId, claimant, address);
      if (!(await reserving))
        throw joinError("busy", "This class cannot take another connection right now: try again in a few seconds.");
      return { ok: true };
    } catch (err) {
      this.admitting = "";
      if (err instanceof ServerError) return { ok: false, code: err.code, message: err.message };
      this.ctx.log.error({ err, room: this.roomId }, "could not admit a join");
      return {
        ok: false,
        code: JOIN_ERRORS["busy"],
        message: "Could not join the class just now: try again in a few seconds.",
      };
    }
  }

  /** Seats are reserved through `admit` only (and for reconnections, by Colyseus itself). */
  protected override async _reserveSeat(
    sessionId: string,
    joinOptions?: unknown,
    authData?: unknown,
    seconds?: number,
    allowReconnection = false,
    devModeReconnection?: boolean,
  ): Promise<boolean> {
    if (!allowReconnection && this.admitting !== sessionId) return false;
    return super._reserveSeat(sessionId, joinOptions, authData, seconds, allowReconnection, devModeReconnection);
  }

  /** Checked again on connecting, in the room, with the options the seat was reserved with. */
  override onAuth(_client: Client, options: unknown): Role {
    return judgeJoin(this, joinOptions(options)).role;
  }

  override onJoin(client: Client<ClientData>, options: unknown, role: Role): void {
    // Counted first: if this join fails below, onLeave runs and uncounts it.
    this.ctx.metrics.clients++;
    this.cancelDispose();
    // With filtering off (benchmark baseline) nobody has a view and everyone gets everything.
    if (!this.ctx.config.unfilteredViews) client.view = new StateView();
    const data: ClientData = {
      role,
      seat: "",
      spectating: "",
      limiter: new RateLimiter(DEFAULT_RATE_LIMIT, Date.now()),
    };
    client.userData = data;
    const token = role === "student" ? seatStudent(this, client, options as Record<string, unknown>) : "";
    this.updatePresence();
    const seat = this.book.seats.get(data.seat);
    const welcome: Welcome = {
      role,
      seat: data.seat,
      seatToken: token,
      cluster: seat?.cluster ?? "",
      classroomId: this.row.id,
      classUrl: role === "student" ? "" : this.ctx.classUrl(),
    };
    client.send("welcome", welcome);
    if (role === "host" && this.restoredPaused && this.phase === "paused") {
      client.send("notice", {
        message:
          "The server restarted; your class was brought back exactly where it stood. Resume the round when your students are back.",
      });
    }
    if (this.phase === "ended" && this.summary) client.send("summary", this.summary);
    // An instructor or projector joining mid-round sees the class's incidents so far.
    if (role !== "student") {
      const backlog = classIncidentsSoFar(this.round.clusters.values());
      if (backlog.length > 0) client.send("incident", backlog);
    }
    this.ctx.log.info({ room: this.roomId, code: this.row.code, role, seat: data.seat }, "joined");
  }

  override async onLeave(client: Client<ClientData>, consented: boolean): Promise<void> {
    this.ctx.metrics.clients--;
    const data = client.userData;
    const seat = data ? this.book.seats.get(data.seat) : undefined;
    // A student whose seat has moved on (kicked, or taken over by a newer tab) does not come back this way.
    const current = seat !== undefined && seat.sessionId === client.sessionId;
    if (current) {
      seat.sessionId = "";
      this.syncSeat(seat);
    }
    this.updatePresence();
    if (!consented && this.phase !== "ended" && (data?.role === "host" || data?.role === "projector" || current)) {
      try {
        await this.allowReconnection(client, this.ctx.config.reconnectSeconds);
        this.ctx.metrics.clients++;
        // The same userData comes back with the new socket: a flooder that returns starts afresh.
        if (data) data.closing = false;
        if (data?.role === "student") {
          const again = this.book.seats.get(data.seat);
          if (!again) {
            client.leave(CLOSE_CODES.kicked);
            return;
          }
          again.sessionId = client.sessionId;
          this.syncSeat(again);
        }
        this.updatePresence();
        return;
      } catch {
        // Grace period over: the seat stays (its token still finds it), the socket is gone.
      }
    }
    if (this.clients.length === 0) this.armDispose();
  }

  /**
   * Defining this makes Colyseus wrap every handler, timer and the simulation interval in a
   * try/catch: a bug in one message never takes the room (or the process) down. Join
   * refusals are ServerErrors we throw on purpose, not bugs.
   */
  override onUncaughtException(err: RoomException<this>, method: string): void {
    if (err.cause instanceof ServerError) return;
    this.ctx?.log.error({ err: err.cause ?? err, method, room: this.roomId }, "uncaught error in room");
  }

  override onDispose(): void {
    if (this.claimed)
      void releaseClassroom(this.presence, this.row.id).catch((err: unknown) =>
        this.ctx.log.warn({ err, room: this.roomId }, "could not release the classroom's claim"),
      );
    this.ctx.metrics.rooms--;
    this.setSimulationInterval();
    // Shutting down, a live round stays in storage as it stands and comes back on restart.
    if (this.phase !== "ended" && this.phase !== "lobby" && !this.inPlanning && !this.shuttingDown)
      this.endRound("disposed");
    // An abandoned lobby (or a round whose clock never started) is closed for good, so it is not brought back by a restart.
    if ((this.phase === "lobby" || this.inPlanning) && !this.shuttingDown && this.row)
      this.ctx.storage.classrooms.setPhase(this.row.id, "closed");
    this.ctx.log.info({ room: this.roomId, code: this.row?.code }, "disposed");
  }

  /** A room nobody is in is disposed after a while, so abandoned rooms do not pile up. */
  private armDispose(): void {
    this.cancelDispose();
    const minutes = this.phase === "ended" ? 30 : 60;
    this.disposeTimer = this.clock.setTimeout(() => void this.disconnect(), minutes * 60_000);
  }

  private cancelDispose(): void {
    this.disposeTimer?.clear();
    this.disposeTimer = null;
  }

  private updatePresence(): void {
    this.state.hostConnected = this.clients.some((c) => c.userData?.role === "host");
  }

  // ---- messages ----

  /** Spectating is applied to the views once per patch (spectating.ts). */
  override onBeforePatch(): void {
    this.views.apply(this.clients, this.state);
  }

  // ---- the round ----

  /** Gives every seat a cluster, then opens the planning phase, or starts the clock when there is none. */
  start(): void {
    if (this.row.mode === "teams") fillTeams(this.book.seats.values(), this.row.team_size);
    const byTeam = new Map<number, Cluster>();
    for (const seat of this.book.seats.values()) giveCluster(this, seat, byTeam);
    if (this.state.planning > 0) {
      this.planningMs = this.state.planning * 1000;
      this.showPlanningLeft();
      this.setPhase("planning");
      this.runPlanning();
    } else this.beginClock();
  }

  /** In planning, or paused during it: the round's clock has not started. */
  get inPlanning(): boolean {
    return this.planningMs > 0 && (this.phase === "planning" || this.phase === "paused");
  }

  /** Planning is over (its time ran out): the clock starts. */
  beginClock(): void {
    this.planningMs = 0;
    this.showPlanningLeft();
    this.setPhase("running");
    this.runClock();
  }

  /** Skips to the countdown: the instructor starts the round before the planning time is up. */
  skipToCountdown(): void {
    this.planningMs = Math.min(this.planningMs, resumedPlanningMs(0));
    this.showPlanningLeft();
  }

  /** Puts the planning seconds left into the state (and storage, for a restore) when they change. */
  showPlanningLeft(): void {
    const left = secondsLeft(this.planningMs);
    if (this.state.planningLeft === left) return;
    this.state.planningLeft = left;
    this.ctx.storage.classrooms.savePlanningLeft(this.row.id, left);
  }

  /** Resumes a paused round: back into planning if its clock had not started yet. */
  resume(): void {
    this.restoredPaused = false;
    if (this.planningMs > 0) {
      this.planningMs = resumedPlanningMs(this.planningMs);
      this.showPlanningLeft();
      this.setPhase("planning");
      this.runPlanning();
    } else {
      this.setPhase("running");
      this.runClock();
    }
  }

  private runPlanning(): void {
    this.setSimulationInterval((dt) => planTick(this, dt), PLANNING_INTERVAL_MS);
  }

  runClock(): void {
    this.setSimulationInterval(() => tickRoom(this), Math.round(1000 / this.state.speed));
  }

  stopClock(): void {
    this.setSimulationInterval();
  }

  /** Ends the round: results and replays are stored in one transaction, then everyone is told. */
  endRound(why: string): void {
    if (this.phase === "ended") return;
    this.stopClock();
    this.round.refuseQueued("round-over", "The round ended before this could be applied.");
    this.setPhase("ended");
    // Everyone's last view, row and clock are exact, whatever the refresh schedule skipped.
    for (const c of this.round.clusters.values()) {
      const cs = this.state.clusters.get(c.id);
      if (cs) mirrorWorld(cs, c.world);
    }
    publishClassView(this);
    this.summary = storeRound(this);
    this.broadcast("round-over", { classroomId: this.row.id, why });
    this.broadcast("summary", this.summary);
    this.ctx.log.info(
      { room: this.roomId, code: this.row.code, why, clusters: this.round.clusters.size },
      "round over",
    );
    this.armDispose();
  }

  // ---- seats in state and storage ----

  syncSeat(seat: Seat): void {
    let s = this.state.seats.get(seat.id);
    if (!s) {
      s = new SeatState();
      s.id = seat.id;
      this.state.seats.set(seat.id, s);
    }
    s.nickname = seat.nickname;
    s.team = seat.team;
    s.cluster = seat.cluster;
    s.connected = seat.sessionId !== "";
  }

  persistSeat(seat: Seat, kicked = false): void {
    this.ctx.storage.classrooms.saveSeat(this.row.id, {
      id: seat.id,
      tokenHash: seat.tokenHash,
      nickname: seat.nickname,
      team: seat.team,
      cluster: seat.cluster,
      kicked,
    });
  }

  /** The settings the instructor can change mid-round, so a restored room keeps them. */
  persistSettings(): void {
    this.ctx.storage.classrooms.saveSettings(this.row.id, {
      speed: this.state.speed,
      lateJoin: this.state.lateJoin,
      locked: this.state.locked,
    });
  }

  persistCluster(c: Cluster, removed = false): void {
    this.ctx.storage.journal.saveCluster(this.row.id, {
      id: c.id,
      index: c.index,
      name: c.name,
      team: c.team,
      removed,
    });
  }

  /** Sets the round's phase in state and storage. */
  setPhase(phase: Phase): void {
    this.phase = phase;
    this.state.phase = phase;
    if (phase !== "ended") this.ctx.storage.classrooms.setPhase(this.row.id, phase);
  }

  /** Each client is sent only the patches with something in them for it (patchSerializer.ts). */
  override setSerializer(serializer: Serializer<ClassroomState>): void {
    const mine = serializer instanceof SchemaSerializer && !(serializer instanceof PatchSerializer);
    super.setSerializer(mine ? new PatchSerializer<ClassroomState>((ref) => ref instanceof ClusterState) : serializer);
  }
}
