/**
 * The glossary: every idea the game teaches, in the game's own words. The client shows
 * `short` as a tooltip and `long` + `inGame` in the glossary; scenarios name the concepts
 * they teach by id; the debrief counts incidents by concept. VM_VS_CONTAINER is the
 * four-row comparison card (the debrief fills it with the player's own numbers).
 */
export interface Concept {
  readonly id: string;
  readonly term: string;
  /** One line, for a tooltip. */
  readonly short: string;
  /** A few sentences. */
  readonly long: string;
  /** How the game makes you feel it. */
  readonly inGame: string;
}

export const CONCEPTS: readonly Concept[] = [
  {
    id: "virtual-machine",
    term: "Virtual machine (VM)",
    short: "A whole computer made of software, with its own operating system.",
    long: "A VM pretends to be a complete computer: virtual CPU, memory, disk and network, and its own operating system on top. Picture a house built inside a bigger house: the inside house has its own rooms, plumbing and front door, even though it shares the outer walls.",
    inGame:
      "A VM block carries a guest-OS band: 250 m of CPU and 1 GiB of memory go to its operating system before the app gets anything, and it takes 45–60 s to boot.",
  },
  {
    id: "guest-os",
    term: "Guest OS",
    short: "The operating system running inside a VM.",
    long: "Every VM boots its own operating system, the guest. It needs memory and CPU of its own and must be started like a real computer, which is why VMs are heavier and slower to start than containers.",
    inGame: "The band on top of every VM block: the part of its reservation that never serves a request.",
  },
  {
    id: "host-machine",
    term: "Host machine",
    short: "The physical server that VMs or containers run on.",
    long: "The real hardware: CPU cores, memory and disks in a rack. Everything virtual in the end borrows from it, and when it fails everything on it stops.",
    inGame: "Each node in a rack is a host machine; its bars show how much of its CPU and memory is reserved.",
  },
  {
    id: "hypervisor",
    term: "Hypervisor",
    short: "The software layer that creates and runs VMs on a host.",
    long: "The hypervisor sits between the hardware and the VMs. It hands each VM its share of CPU and memory, keeps them apart, and starts and stops them.",
    inGame: "A node bought to run VMs gets a hypervisor, which takes a slice of the node for itself.",
  },
  {
    id: "type-1-hypervisor",
    term: "Type 1 hypervisor (bare metal)",
    short: "A hypervisor that runs directly on the hardware, like ESXi or Hyper-V.",
    long: "A bare-metal hypervisor is the operating system of the host: nothing sits between it and the hardware. It wastes little, boots VMs quickly and supports datacenter features such as live migration and HA, but usually costs a licence.",
    inGame:
      "Type 1 nodes lose only 2 % of CPU and 1 GiB to the hypervisor, boot VMs in 45 s, allow live migration and VM HA, and cost a licence of 1 credit per second per CPU socket (small 1, medium 2, large 4). Each VM delivers its full throughput however many share the host.",
  },
  {
    id: "type-2-hypervisor",
    term: "Type 2 hypervisor (hosted)",
    short: "A hypervisor that runs as an app on top of a normal OS, like VirtualBox.",
    long: "A hosted hypervisor is a program on an ordinary operating system. It is free and easy, which suits a laptop, but the host OS eats resources and every VM's work passes through it.",
    inGame:
      "Type 2 nodes lose 10 % of CPU and 4 GiB to the host OS and boot VMs in 60 s. A lone VM delivers 95 % of its throughput, and every further VM on the host takes 4 points off each one's — fine for a small box, ruinous on a big host. There is no licence.",
  },
  {
    id: "container",
    term: "Container",
    short: "An app packed with its dependencies, sharing the host's kernel.",
    long: "A container holds just the app and what it needs to run, and borrows the kernel of the host it runs on. Picture lunchboxes: each holds a complete meal, but every lunchbox is prepared in the same shared kitchen.",
    inGame: "A container block is small (no guest OS) and starts in about 2 s once its image is on the node.",
  },
  {
    id: "shared-kernel",
    term: "Shared kernel",
    short: "All containers on a host use that host's one kernel.",
    long: "Containers are not separate computers: they are processes of one operating system kernel, kept apart by the kernel itself. That makes them light, but if that kernel fails, every container on the host goes down together — and if it is compromised, every container on it is exposed.",
    inGame:
      "A kernel panic on a container host kills every container on it at once and the host reboots for two minutes; VMs, with kernels of their own, are never touched. Card data sharing a compromised kernel with another tenant's code is a breach, and a fine.",
  },
  {
    id: "image",
    term: "Image",
    short: "The blueprint a container starts from: app, libraries and settings.",
    long: "An image is a read-only package of everything a container needs. You build it once and start as many containers from it as you like, on any host with a container runtime.",
    inGame:
      "The first container of a service on a node must pull its image (bigger images take longer); after that the node keeps it and starts new containers at once.",
  },
  {
    id: "registry",
    term: "Registry (Docker Hub)",
    short: "The online store images are pulled from.",
    long: "Images live in a registry such as Docker Hub or a company's own. Hosts download (pull) images from it; when the registry is unreachable, only images already cached on a host can start.",
    inGame:
      "During a registry outage, pulls fail and back off (ImagePullBackOff: 10 s, 20, 40 …), so they resume at their next try, not the moment the registry is back; containers whose image is already cached on the node still start.",
  },
  {
    id: "docker",
    term: "Docker",
    short: "The best-known tool to build images and run containers.",
    long: "Docker made containers easy: a file describes how to build an image, one command runs it, and Docker Hub shares images with the world.",
    inGame: "Every container service in the game ships as an image of a given size, ready to pull.",
  },
  {
    id: "isolation",
    term: "Isolation",
    short: "How well one workload is protected from the others on the same host.",
    long: "VMs are strongly isolated: each has its own OS, so a misbehaving neighbour cannot touch it. Containers share a kernel, so they are less isolated; limits and careful configuration help. Tenants that must not share (payments, another customer's data, legacy systems) often get VMs.",
    inGame:
      "Some services are VM-only for isolation. A noisy container without a CPU limit slows its neighbours; the hypervisor shields VMs from the same thing.",
  },
  {
    id: "startup-time",
    term: "Startup time",
    short: "How long from 'start' to serving: seconds for containers, a minute for VMs.",
    long: "A VM boots a whole operating system; a container just starts a process. That difference decides how fast you can react to a spike or replace a crashed replica.",
    inGame: "Your debrief measures the average start of your VMs and your containers.",
  },
  {
    id: "resource-efficiency",
    term: "Resource efficiency",
    short: "How much of a host's capacity does useful work.",
    long: "Every VM carries an operating system that does no work for customers. Containers skip it, so the same host holds more of them.",
    inGame: "The same storefront takes 750 m as a VM and 500 m as a container: more containers fit on a node.",
  },
  {
    id: "portability",
    term: "Portability",
    short: "How easily a workload moves to another host.",
    long: "A container image runs on any host with a container runtime, so workloads move freely. A VM moves as a whole machine, and live migration works only between compatible hypervisors.",
    inGame: "Containers are simply replaced elsewhere; VMs can be live-migrated, but only between Type 1 hosts.",
  },
  {
    id: "kubernetes",
    term: "Kubernetes",
    short: "The system that runs containers across many machines for you.",
    long: "Kubernetes (K8s) is an orchestrator: you tell it what should run and it keeps it so — placing containers on nodes, restarting what crashes, replacing what a dead node ran, and scaling with the load. Think of it as the traffic controller of a cluster.",
    inGame:
      "Buy the control plane and your containers become pods of Deployments: you set how many you want and Kubernetes does the rest.",
  },
  {
    id: "pod",
    term: "Pod",
    short: "The smallest thing Kubernetes runs: one or more containers together.",
    long: "Kubernetes does not run containers directly but pods, small groups of containers that share a network address and storage. In this game a pod holds one container.",
    inGame: "Once Kubernetes runs your cluster, each container block is a pod.",
  },
  {
    id: "node",
    term: "Node",
    short: "A machine (physical or virtual) that runs workloads in a cluster.",
    long: "In Kubernetes a node is a worker machine with a container runtime and an agent (the kubelet) that runs the pods assigned to it.",
    inGame: "Every server in your racks is a node; only container hosts run pods.",
  },
  {
    id: "cluster",
    term: "Cluster",
    short: "A group of nodes managed together.",
    long: "A cluster is all the nodes that one control plane manages, seen as one big computer.",
    inGame: "Your whole datacenter is your cluster; the leaderboard compares clusters.",
  },
  {
    id: "orchestration",
    term: "Orchestration",
    short: "Automatic deployment, scaling, load balancing and self-healing.",
    long: "Orchestration is everything an operator would otherwise do by hand, done continuously by software: deploy, scale, balance and heal.",
    inGame: "Each piece is an upgrade you can buy, so you see what it is worth.",
  },
  {
    id: "deployment",
    term: "Deployment",
    short: "A Kubernetes object saying which app, which version and how many copies.",
    long: "A Deployment describes the desired state of an app: its image and release, its requests and limits, and the number of replicas. Kubernetes works continuously to make reality match it.",
    inGame: "Set a service's replicas, limits and release; the control plane makes it so.",
  },
  {
    id: "replicaset",
    term: "ReplicaSet and desired replicas",
    short: "Keeps the number of running pods equal to the number you asked for.",
    long: "The ReplicaSet compares how many pods exist with how many are wanted, creates missing ones and deletes extra ones: first pods not placed or not yet running, then ones that are not ready, then pods on the node crowded with the most of its replicas, so what stays is spread out. Delete a pod by hand and it comes back.",
    inGame:
      "Stopping a pod of a Deployment only makes the ReplicaSet start another; change the replicas to really scale down.",
  },
  {
    id: "scheduler",
    term: "Scheduler",
    short: "Chooses a node for each new pod.",
    long: "The scheduler first filters out nodes that cannot take the pod (not ready, cordoned, too little free CPU or memory), then scores the rest and picks the best. The default profile adds up four scores: the fit (LeastAllocated prefers the emptiest node, MostAllocated the fullest), spreading a Deployment's pods over nodes (which counts double, so one dead node never takes them all), balance between CPU and memory use, and whether the node already holds the image. A pod no node can take stays Pending, with every reason and how many nodes gave it.",
    inGame:
      "Switch the strategy: MostAllocated packs different Deployments together, but each Deployment's replicas still spread out. Read a Pending pod's reason (\"0/7 nodes are available: 2 node(s) were unschedulable, 5 Insufficient memory.\").",
  },
  {
    id: "load-balancing",
    term: "Load balancing",
    short: "Spreading incoming requests over all running replicas.",
    long: "A load balancer sends each request to one of the replicas of a service, evenly, so no single one is overwhelmed while others idle.",
    inGame:
      "Traffic flows from the internet through the load balancer to every running replica; an overloaded replica crashes and its share falls on the rest.",
  },
  {
    id: "autoscaling",
    term: "Horizontal Pod Autoscaler (HPA)",
    short: "Adds or removes pods to keep CPU use near a target.",
    long: "Every 15 seconds the HPA measures the CPU its ready pods use against their requests and asks for ready pods × use ÷ target. It ignores small differences (10 %) and is careful with pods it cannot measure: pods still starting count as idle when it wants to grow, and crashed ones as busy when it wants to shrink, so a scale-up it already asked for is not asked for again. It never more than doubles in one step (4 pods from fewer than 2), and shrinks only as far as its highest wish of the last 5 minutes, so it does not flap.",
    inGame:
      "Turn it on for a Deployment and watch replicas follow the traffic; set its minimum ahead of an announced spike.",
  },
  {
    id: "cluster-autoscaler",
    term: "Cluster autoscaler",
    short: "Buys nodes when pods cannot be placed, returns idle ones.",
    long: "Every 10 seconds it looks for pods the scheduler could not place. It packs them in its head onto the nodes already on their way, then onto new nodes of the chosen type, biggest pods first, and buys as many as that takes. When a node stays under half used for 10 minutes and its pods could all move elsewhere, it removes it: empty nodes together, a busy one at a time, never within 10 minutes of adding one. A pod without a controller, or one its PodDisruptionBudget protects, keeps its node.",
    inGame: "Pick a node size and a maximum; it keeps your cluster just big enough.",
  },
  {
    id: "self-healing",
    term: "Self-healing",
    short: "Crashed or lost replicas are replaced without a human.",
    long: "Controllers notice when reality drifts from what is wanted — a crashed container, a dead node — and fix it: restart the container, reschedule the pod, reboot the VM elsewhere.",
    inGame:
      "Without automation a crashed replica stays down until you restart it, and that pages the on-call engineer: three minutes and ¢100 a time; with Kubernetes or VM HA it comes back by itself.",
  },
  {
    id: "crashloop",
    term: "CrashLoopBackOff",
    short: "Kubernetes waits longer and longer before restarting a pod that keeps crashing.",
    long: "The kubelet restarts a crashed container at once the first time; if it dies again within 10 minutes it waits 10 s, then 20, 40 … up to 5 minutes. A container that ran for more than 10 minutes is restarted at once again. It protects the cluster from a pod that can never start.",
    inGame:
      "A leaking pod that keeps getting OOM-killed within 10 minutes spends longer and longer in back-off; a memory limit high enough to last over 10 minutes keeps it restarting at once.",
  },
  {
    id: "not-ready",
    term: "NotReady and eviction",
    short: "Kubernetes notices a dead node after 50 s and evicts its pods 5 minutes later.",
    long: "A node that stops reporting is marked NotReady after 50 seconds (the node-monitor grace period). Until then nobody knows: the scheduler still places pods there and its pods stay in the load balancer, so the requests sent to them fail. Its pods are then given 300 seconds in case it comes back; then they are evicted and the ReplicaSet creates replacements elsewhere.",
    inGame:
      "When a node dies, its pods keep taking their share of requests for 50 s, and keep counting as replicas for 350 s before new ones appear: spare capacity on other nodes carries you through.",
  },
  {
    id: "requests-limits",
    term: "Requests and limits",
    short: "What a pod is guaranteed (request) and the most it may use (limit).",
    long: "The scheduler places pods by their requests, and requests never add up past a node. A request is also a guarantee: a busy node always gives each container the CPU it requested. A limit is a cap: up to it, a container may use CPU nobody else is using (bursting); at it, it is throttled. Limits may add up past the node — that is overcommit. Memory is not squeezed but taken back: over its memory limit a container is OOM-killed, alone.",
    inGame:
      "Each pod shows its CPU used against its request and limit. Without a limit a pod bursts into idle CPU; with one it is throttled there. Give a leaking service a memory limit and only its own pod is OOM-killed.",
  },
  {
    id: "qos",
    term: "QoS classes",
    short: "Guaranteed, Burstable or BestEffort: who is protected when a node runs short.",
    long: "Kubernetes sorts pods by their requests and limits. Guaranteed: limits equal to requests for CPU and memory. BestEffort: nothing set at all. Burstable: everything in between. When a node runs short of memory, the kubelet evicts pods using more than they requested first (BestEffort always does), and the kernel's OOM killer spares Guaranteed pods longest.",
    inGame:
      "Each pod shows its QoS class. Under memory pressure the node evicts one pod every 10 s, those furthest over their memory request first; their Deployments replace them elsewhere.",
  },
  {
    id: "oom-kill",
    term: "OOM kill",
    short: "A process killed for using more memory than allowed.",
    long: "When a container passes its memory limit, or a machine runs out of memory, the kernel's out-of-memory killer ends a process to save the rest. On a full machine it picks by OOM score: its share of memory, adjusted by Kubernetes so that BestEffort pods go first and Guaranteed pods last.",
    inGame:
      "A memory leak grows each second until its limit — or, with no limit, until the node runs out and the container with the highest OOM score dies.",
  },
  {
    id: "rolling-update",
    term: "Rolling update",
    short: "Replacing pods with a new release a few at a time, with no downtime.",
    long: "A rolling update starts new pods before stopping old ones: at most 25 % extra pods (maxSurge) and at most 25 % missing (maxUnavailable) at any time.",
    inGame: "Roll out a fixed release and watch old pods give way to new ones while traffic keeps flowing.",
  },
  {
    id: "pdb",
    term: "PodDisruptionBudget",
    short: "A promise that at least N pods stay up during maintenance.",
    long: "A PodDisruptionBudget tells Kubernetes how many replicas of an app must stay available. Draining a node waits rather than break that promise.",
    inGame:
      "Set a minimum available before draining a node, and the drain evicts pods only as fast as replacements come up.",
  },
  {
    id: "vm-ha",
    term: "VM high availability (HA)",
    short: "Restarts the VMs of a failed host on other hosts.",
    long: "A bare-metal hypervisor cluster can watch its hosts and VMs. When a host dies, its VMs are restarted on surviving hosts; when a VM's guest stops answering, it is rebooted.",
    inGame:
      "With VM HA, VMs of a failed Type 1 host boot again elsewhere after 15 s of detection, and a VM whose guest died is reset after 2 minutes of silence — three times at most, then it waits for you.",
  },
  {
    id: "live-migration",
    term: "Live migration",
    short: "Moving a running VM to another host with only a blink of downtime.",
    long: "The hypervisor copies a running VM's memory to another host and switches over in a moment. It lets operators empty a host for maintenance without stopping the apps.",
    inGame:
      "Migrate a VM between Type 1 hosts: it keeps serving during the 5 s copy and holds room on both hosts until it switches; draining a Type 1 host migrates its VMs automatically.",
  },
  {
    id: "noisy-neighbour",
    term: "Noisy neighbour",
    short: "One workload hogging a shared host and slowing the others.",
    long: "Workloads sharing a machine compete for it. A container with no CPU limit can eat every spare cycle; its neighbours still get what they requested, but the idle CPU they were bursting into is gone. Honest requests, CPU limits, or the stronger walls of VMs keep it in check.",
    inGame:
      "A noisy container spins on all the idle CPU of its node until it calms down: neighbours whose requests cover their load do not notice; those living on burst slow down.",
  },
  {
    id: "microservices",
    term: "Microservices",
    short: "An application split into small services that scale on their own.",
    long: "Instead of one big program, the app is many small services (storefront, checkout, search…) that can be deployed, scaled and healed independently. Containers suit them well.",
    inGame: "Each service in a scenario scales on its own, with its own traffic and replicas.",
  },
  {
    id: "sla",
    term: "SLA",
    short: "The promise to customers: the share of requests that must be served.",
    long: "A service-level agreement promises availability. Every dropped request breaks it a little and costs SLA credits paid back to the customer.",
    inGame: "Dropped requests cost money every second; your SLA is served ÷ demanded over the round.",
  },
  {
    id: "overcommit",
    term: "Packing and overcommit",
    short: "Fitting as much work as possible onto as few machines as possible.",
    long: "Machines cost money whether busy or idle, so operators pack workloads tightly — but too tight leaves no room for spikes or failures. Overcommit goes further: requests fit the node, but limits add up past it, betting that not every pod bursts at once. Finding the balance is the craft.",
    inGame:
      "Each node shows its limits against what it has (over 100 %: overcommitted) and what is in use. Your debrief shows packing efficiency: the fewest nodes your workload could fit on, divided by the nodes you paid for.",
  },
];

export function getConcept(id: string): Concept | undefined {
  return CONCEPTS.find((c) => c.id === id);
}

export interface ComparisonCardRow {
  readonly aspect: "isolation" | "startup" | "efficiency" | "portability";
  readonly title: string;
  readonly vm: string;
  readonly container: string;
}

/** The VM vs container comparison card, in our words. */
export const VM_VS_CONTAINER: readonly ComparisonCardRow[] = [
  {
    aspect: "isolation",
    title: "Isolation",
    vm: "Strong: each VM has its own OS and kernel.",
    container: "Lighter: all containers on a host share its kernel.",
  },
  {
    aspect: "startup",
    title: "Startup time",
    vm: "Slow: a whole OS must boot (about a minute).",
    container: "Fast: just the app starts (seconds, after the image pull).",
  },
  {
    aspect: "efficiency",
    title: "Resource efficiency",
    vm: "Heavier: every VM carries a guest OS.",
    container: "Lighter: no guest OS, more fit per host.",
  },
  {
    aspect: "portability",
    title: "Portability",
    vm: "Tied to its hypervisor; moves as a whole machine.",
    container: "An image runs on any container host.",
  },
];
