/**
 * The numbers of the game, named once. Where a number comes from a real system
 * (Kubernetes, vSphere), the source is written beside it so players and teachers can
 * check that the game's timings are the real ones. Scenarios may override some of them
 * (see `Timings` in scenario.ts); the UI shows the real default next to an override.
 *
 * Units: one tick = one simulated second; CPU in millicores; memory in MiB; money in
 * whole credits; traffic in requests per second.
 */

export const NODE_TYPES = ["small", "medium", "large"] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export interface NodeTypeSpec {
  readonly cpu: number;
  readonly mem: number;
  /** credits per tick while the node exists (provisioning, ready, failed). */
  readonly cost: number;
  /** CPU sockets: a Type 1 hypervisor is licensed per socket. */
  readonly sockets: number;
}

/**
 * Bigger machines cost less per core (0.5, 0.375, 0.31 credits per core per second) but only
 * pay off when they are full. The prices are set so that idle capacity shows: a player who
 * buys for the day's peak and walks away spends a fifth to a third of the revenue on it
 * (docs/balance.md measures it). GAME.md started at 1, 3 and 10.
 */
export const NODE_CATALOG: Readonly<Record<NodeType, NodeTypeSpec>> = {
  small: { cpu: 4000, mem: 16384, cost: 2, sockets: 1 },
  medium: { cpu: 16000, mem: 65536, cost: 6, sockets: 2 },
  large: { cpu: 64000, mem: 262144, cost: 20, sockets: 4 },
};

export const HOST_MODES = ["hypervisor", "hosted", "container-host"] as const;
export type HostMode = (typeof HOST_MODES)[number];

export interface HostModeSpec {
  /** What runs on a node of this mode. */
  readonly runs: "vm" | "container";
  /** CPU overhead as a share of the node's CPU, in percent. */
  readonly cpuOverheadPct: number;
  /** Fixed CPU overhead in millicores (added to the percentage). */
  readonly cpuOverhead: number;
  readonly memOverhead: number;
  /** Licence, credits per tick per CPU socket (vSphere-style per-socket licensing). */
  readonly licence: number;
  /** Ticks a VM takes to boot on this host; 0 where VMs cannot run. */
  readonly vmBoot: number;
  /**
   * Share of its nominal throughput a VM delivers here, percent, when it is alone. A hosted
   * hypervisor schedules its VMs as processes of a general-purpose host OS, so each VM gets
   * less done.
   */
  readonly vmThroughputPct: number;
  /**
   * What each further VM on the host costs every VM's throughput, percent: on a hosted
   * hypervisor the VMs contend on the host OS's scheduler and its emulated I/O; a bare-metal
   * hypervisor schedules them itself, with the CPU's virtualisation support.
   */
  readonly vmContentionPct: number;
  readonly label: string;
}

export const HOST_MODE_SPECS: Readonly<Record<HostMode, HostModeSpec>> = {
  // Type 1: the hypervisor is the OS (ESXi, Hyper-V Server); thin, but licensed.
  hypervisor: {
    runs: "vm",
    cpuOverheadPct: 2,
    cpuOverhead: 0,
    memOverhead: 1024,
    licence: 1,
    vmBoot: 45,
    vmThroughputPct: 100,
    vmContentionPct: 0,
    label: "Type 1 hypervisor (bare metal)",
  },
  // Type 2: a full host OS with a hypervisor app on top (VirtualBox, Workstation).
  hosted: {
    runs: "vm",
    cpuOverheadPct: 10,
    cpuOverhead: 0,
    memOverhead: 4096,
    licence: 0,
    vmBoot: 60,
    vmThroughputPct: 95,
    vmContentionPct: 4,
    label: "Type 2 hypervisor (hosted)",
  },
  // Linux + a container runtime (containerd); kubelet and system daemons reserve a little.
  "container-host": {
    runs: "container",
    cpuOverheadPct: 0,
    cpuOverhead: 250,
    memOverhead: 1024,
    licence: 0,
    vmBoot: 0,
    vmThroughputPct: 100,
    vmContentionPct: 0,
    label: "Container host (Linux + runtime)",
  },
};

/** However many VMs share a hosted hypervisor, each still delivers this share of its throughput. */
export const VM_THROUGHPUT_FLOOR_PCT = 30;

/** Ticks from buying a node to it being ready. */
export const NODE_PROVISION_TICKS = 90;
/**
 * Ticks a failed node takes to be repaired. GAME.md started at 300, but that is shorter
 * than Kubernetes' 40 + 300 s before it evicts pods, so the node would always be back
 * first and eviction would never be felt; real hardware repairs take far longer anyway.
 */
export const NODE_REPAIR_TICKS = 900;

/** A VM carries its own guest OS: this much is reserved on top of the app's request. */
export const VM_GUEST_OS_CPU = 250;
export const VM_GUEST_OS_MEM = 1024;
/**
 * Live migration (vMotion) between Type 1 hosts: copying the VM's memory to the target
 * takes this long, while the VM keeps running and serving on its source ("working processes
 * continue throughout a migration", vSphere vMotion docs); it switches hosts at the end, in
 * well under a second.
 */
export const VM_MIGRATION_TICKS = 5;

/** A container starts this many ticks after its image is on the node. */
export const CONTAINER_START_TICKS = 2;
/** Image pull speed: ceil(image MB / this) ticks. */
export const IMAGE_PULL_MB_PER_TICK = 50;
/**
 * A failed image pull backs off like a crashed container (10 s doubling to 300 s, the
 * kubelet's imageBackOff), and starts over once its last failure is older than twice the
 * maximum (flowcontrol.Backoff's default hasExpired).
 */
export const IMAGE_PULL_BACKOFF_RESET_TICKS = 600;
/** A stopped instance releases its resources after this many ticks (SIGTERM, then gone). */
export const TERMINATION_TICKS = 2;

/** Overload crash: an instance loaded over this share of its capacity… */
export const OVERLOAD_CRASH_PCT = 125;
/** …for this many ticks in a row crashes. */
export const OVERLOAD_CRASH_TICKS = 20;

/**
 * vSphere HA declares a host failed once 15 s pass without its heartbeats and it does not
 * answer pings, then restarts its VMs on other hosts (vSphere Availability guide, "Failure
 * Detection and Host Network Isolation").
 */
export const VM_HA_DETECTION_TICKS = 15;

/**
 * A kernel panic takes the whole host down: it reboots (firmware, boot, kernel, container
 * runtime) before anything runs on it again. Servers take two to five minutes.
 */
export const KERNEL_REBOOT_TICKS = 120;

/**
 * Fixing by hand takes a person. Restarting an instance that crashed or died is a page to the
 * on-call engineer, who answers, looks and acts after this long, and the page costs this much
 * (their time, at night rates). Automation (VM HA, Kubernetes) needs no one.
 */
export const ONCALL_RESPONSE_TICKS = 180;
export const ONCALL_FEE = 100;

/**
 * vSphere HA VM Monitoring (vSphere Availability guide, "VM and Application Monitoring"):
 * once a guest's heartbeats stop for the failure interval (60 s at the default "medium"
 * sensitivity) it checks the VM's disk and network I/O over the I/O stats interval (120 s,
 * das.iostatsinterval) and resets the VM only when that too was silent, so a dead guest is
 * reset 120 s after it died. At most 3 resets per VM within the reset window (24 h at
 * "medium", longer than any round); a power-off and on, or a vMotion, clears the count.
 */
export const VM_HA_MONITOR_TICKS = 60;
export const VM_HA_IO_STATS_TICKS = 120;
export const VM_HA_MAX_RESETS = 3;

// ---- Kubernetes defaults (the real ones) ----

/**
 * CrashLoopBackOff: the kubelet restarts a container at once after its first exit, then
 * waits 10 s, doubling up to 300 s, and starts over once the container ran for more than
 * 10 minutes (pkg/kubelet/kubelet.go: containerBackOffPeriod, MaxContainerBackOff in
 * apis/config/v1beta1/defaults.go, the back-off's HasExpiredFunc of 600 s).
 */
export const BACKOFF_INITIAL_TICKS = 10;
export const BACKOFF_MAX_TICKS = 300;
export const BACKOFF_RESET_TICKS = 600;

/**
 * Node lifecycle controller: a node that stops reporting is marked NotReady after the
 * node-monitor-grace-period (50 s since Kubernetes 1.32, 40 s before; kube-controller-manager
 * reference), and its pods are evicted after the default toleration of
 * node.kubernetes.io/not-ready:NoExecute, 300 s (DefaultTolerationSeconds admission plugin).
 * Until NotReady, the node still looks Ready to the scheduler and its pods stay Service
 * endpoints: requests sent to them fail.
 */
export const NODE_MONITOR_GRACE_TICKS = 50;
export const POD_EVICTION_TOLERATION_TICKS = 300;

/**
 * Horizontal Pod Autoscaler, kube-controller-manager defaults for an HPA with no `behavior`
 * (pkg/controller/podautoscaler/horizontal.go): sync period 15 s, tolerance 0.1, a step up
 * to at most max(2 × current, 4) replicas (scaleUpLimitFactor, scaleUpLimitMinimum), the
 * highest proposal of the last 300 s (downscale stabilisation window).
 */
export const HPA_SYNC_TICKS = 15;
export const HPA_TOLERANCE_PCT = 10;
export const HPA_SCALE_UP_MIN_PODS = 4;
export const HPA_SCALE_DOWN_WINDOW_TICKS = 300;
/**
 * A pod's CPU sample covers the metrics-server resolution (15 s by default). Within the CPU
 * initialisation period after a pod starts (5 min, --horizontal-pod-autoscaler-cpu-
 * initialization-period) the HPA ignores a sample that began before the pod became ready
 * (replica_calculator.go groupPods).
 */
export const HPA_METRIC_WINDOW_TICKS = 15;
export const HPA_CPU_INITIALIZATION_TICKS = 300;

/**
 * Cluster autoscaler defaults (kubernetes/autoscaler FAQ): scan interval 10 s,
 * scale-down-utilization-threshold 0.5, scale-down-unneeded-time 10 min,
 * scale-down-delay-after-add 10 min.
 */
export const CA_SCAN_TICKS = 10;
export const CA_SCALE_DOWN_UTIL_PCT = 50;
export const CA_SCALE_DOWN_UNNEEDED_TICKS = 600;
export const CA_SCALE_DOWN_DELAY_AFTER_ADD_TICKS = 600;
/** Empty nodes it removes at once (--max-scale-down-parallelism); nodes with pods go one at a time (--max-drain-parallelism 1). */
export const CA_MAX_EMPTY_BULK_DELETE = 10;

/** Deployment RollingUpdate defaults: maxSurge 25 % (rounded up), maxUnavailable 25 % (rounded down). */
export const ROLLING_MAX_SURGE_PCT = 25;
export const ROLLING_MAX_UNAVAILABLE_PCT = 25;

/**
 * Scheduler ImageLocality plugin thresholds (kubernetes/pkg/scheduler/framework/plugins/
 * imagelocality: minThreshold 23 MB, maxContainerThreshold 1000 MB).
 */
export const IMAGE_LOCALITY_MIN_MB = 23;
export const IMAGE_LOCALITY_MAX_MB = 1000;
/** A kubelet runs at most this many pods (KubeletConfiguration maxPods default, 110). */
export const KUBELET_MAX_PODS = 110;
/** Score range of a scheduler plugin (framework.MaxNodeScore). */
export const MAX_NODE_SCORE = 100;
/**
 * Weights of the default scheduler profile's score plugins
 * (kubernetes/pkg/scheduler/apis/config/v1/default_plugins.go). The other scoring plugins of
 * that profile (TaintToleration, NodeAffinity, InterPodAffinity, VolumeBinding) give every
 * node of the game the same score, so they cannot change a choice and are left out.
 */
export const SCORE_WEIGHT_FIT = 1;
export const SCORE_WEIGHT_TOPOLOGY_SPREAD = 2;
export const SCORE_WEIGHT_BALANCED = 1;
export const SCORE_WEIGHT_IMAGE_LOCALITY = 1;
/**
 * The system-default soft spreading of PodTopologySpread: maxSkew 3 over
 * kubernetes.io/hostname (and 5 over topology.kubernetes.io/zone, which does not apply:
 * the game's nodes carry no zone label). podtopologyspread/plugin.go, systemDefaultConstraints.
 */
export const SPREAD_HOSTNAME_MAX_SKEW = 3;

// ---- money and score ----

/** Below zero money for this many ticks in a row is bankruptcy, and the bank bails the cluster out. */
export const BANKRUPT_AFTER_TICKS = 60;
/**
 * A bail-out's fee, percent of the scenario's starting money, on top of the loan: what
 * makes a bailed-out run score below the same play without one (docs/rules.md).
 */
export const BAILOUT_FEE_PCT = 50;
/** SLA for the second campaign star, in basis points (99.00 %). */
export const SLA_STAR_BP = 9900;

// ---- memory on a node (kubelet node-pressure eviction, the kernel's OOM killer) ----

/**
 * What an app's memory use is made of, as shares of its service's nominal memory: an idle
 * part, and a working set that grows with the requests it serves (100 % at its nominal
 * capacity, more when it bursts past it). Leaks come on top.
 */
export const APP_MEM_IDLE_PCT = 60;
export const APP_MEM_LOAD_PCT = 40;
/**
 * Kubelet's default hard eviction threshold memory.available<100Mi, checked every
 * housekeeping interval (10 s); it evicts one pod per check, and keeps the MemoryPressure
 * condition for eviction-pressure-transition-period (5 min) after the signal clears
 * (kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/).
 */
export const EVICTION_HARD_MEM = 100;
export const EVICTION_MONITOR_TICKS = 10;
export const PRESSURE_TRANSITION_TICKS = 300;

/** Ticks between samples of the per-service history the debrief charts. */
export const HISTORY_SAMPLE_TICKS = 30;

/** Safety bounds that keep a world small enough to step (and refuse absurd commands). */
export const MAX_NODES = 2000;
export const MAX_INSTANCES = 20000;
export const MAX_REPLICAS = 500;
