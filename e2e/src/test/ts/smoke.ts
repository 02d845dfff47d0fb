// A user's program on the generated TypeScript client, and on nothing else: TypeScriptClientE2ETest runs it with Node.
//
// It takes a token (issueToken, by user, password and project), lists the flavors and the images, makes a network with
// a subnet, creates a server of stratus-tiny on the smallest flavor on that network, waits until it is ACTIVE, deletes
// it and waits for getServer's 404, which the client throws as a ResponseError with the API's problem in its body,
// then deletes the network (a 204: no body).
//
// In:  STRATUS_URL, STRATUS_USER, STRATUS_PASSWORD, STRATUS_PROJECT, SERVER_NAME (environment). Once the server is
//      ACTIVE the program waits for one line on stdin before it deletes it (the test looks at the server meanwhile).
// Out: one JSON object per line on stdout, {"step": ...}, the last one {"step":"done"} or {"step":"failed"};
//      exit code 0 when every step passed, 1 otherwise.
import * as readline from "node:readline";
import {
  AuthApi,
  Configuration,
  FlavorsApi,
  ImagesApi,
  NetworksApi,
  PortsApi,
  Problem,
  ProblemFromJSON,
  ResponseError,
  ServersApi,
  ServerView,
  SubnetsApi,
} from "stratus-client";

const BOOT_SECONDS = 120;
const DELETE_SECONDS = 60;
const GO_AHEAD_SECONDS = 120;
const CIDR = "10.93.0.0/24";

async function main(): Promise<void> {
  const basePath = env("STRATUS_URL");
  const issued = await new AuthApi(new Configuration({ basePath })).issueToken({
    tokenRequest: { user: env("STRATUS_USER"), password: env("STRATUS_PASSWORD"), project: env("STRATUS_PROJECT") },
  });
  step("token", { expiresAt: issued.expiresAt.toISOString() });
  const config = new Configuration({ basePath, accessToken: issued.token });

  const { flavors } = await new FlavorsApi(config).listFlavors();
  const flavor = flavors[0]; // the API lists the smallest first
  if (!flavor) throw new Error("no flavor");
  step("flavors", {
    count: flavors.length, names: flavors.map((f) => f.name), chosen: flavor.name, chosenId: flavor.id,
    ramMb: flavor.ramMb,
  });

  const { images } = await new ImagesApi(config).listImages({});
  const image = images.find((i) => i.name === "stratus-tiny" && i.status === "active");
  if (!image) throw new Error(`no active stratus-tiny among ${images.map((i) => i.name).join(", ")}`);
  step("images", { count: images.length, names: images.map((i) => i.name), chosen: image.id });

  const name = env("SERVER_NAME");
  const networks = new NetworksApi(config);
  const network = await networks.createNetwork({ createNetworkRequest: { name: `${name}-net` } });
  const subnet = await new SubnetsApi(config).createSubnet({
    createSubnetRequest: { networkId: network.id, cidr: CIDR },
  });
  step("network", { id: network.id, subnet: subnet.id, cidr: subnet.cidr });

  const servers = new ServersApi(config);
  const created = await servers.createServerRaw({
    createServerRequest: { name, flavor: flavor.name, image: image.id, networks: [{ network: network.id }] },
    idempotencyKey: `smoke-${name}`,
  });
  const server = await created.value();
  step("created", {
    id: server.id, status: server.status, flavor: server.flavor.id, location: created.raw.headers.get("Location"),
  });

  const active = await untilActive(servers, server.id);
  step("active", { id: active.id, status: active.status, host: active.host, powerState: active.powerState });
  await goAhead();

  const deleting = await servers.deleteServer({ id: server.id });
  step("deleting", { id: deleting.id, taskState: deleting.taskState });
  const { problem, contentType } = await untilGone(servers, server.id);
  step("gone", { id: server.id, status: problem.status, title: problem.title, detail: problem.detail, contentType });

  // the server's port is released once network-service has heard the server is gone, just after the 404: a network
  // that still has a port is a 409
  const ports = await untilPortsReleased(new PortsApi(config), server.id);
  await networks.deleteNetwork({ id: network.id }); // its subnet with it
  step("network-deleted", { id: network.id, portsReleasedAfterMs: ports });
}

/** Polls getServer until the server is ACTIVE with no task in flight; ERROR fails at once, with its fault. */
async function untilActive(servers: ServersApi, id: string): Promise<ServerView> {
  const deadline = Date.now() + BOOT_SECONDS * 1000;
  for (;;) {
    const server = await servers.getServer({ id });
    if (server.status === "ERROR") throw new Error(`server ${id} is in ERROR: ${server.fault}`);
    if (server.status === "ACTIVE" && server.taskState == null) return server;
    if (Date.now() > deadline) throw new Error(`server ${id} is still ${server.status} after ${BOOT_SECONDS} s`);
    await sleep(500);
  }
}

/** Polls getServer until the client throws its ResponseError for a 404; any other error ends the program. */
async function untilGone(servers: ServersApi, id: string): Promise<{ problem: Problem; contentType: string | null }> {
  const deadline = Date.now() + DELETE_SECONDS * 1000;
  for (;;) {
    try {
      const server = await servers.getServer({ id });
      if (Date.now() > deadline) throw new Error(`server ${id} is still there (${server.status}, ${server.taskState})`);
    } catch (e) {
      if (!(e instanceof ResponseError) || e.response.status !== 404) throw e;
      return { problem: ProblemFromJSON(await e.response.json()), contentType: e.response.headers.get("Content-Type") };
    }
    await sleep(500);
  }
}

/** Polls listPorts until the server has no port left; returns how long that took after the 404. */
async function untilPortsReleased(ports: PortsApi, deviceId: string): Promise<number> {
  const start = Date.now();
  while ((await ports.listPorts({ deviceId })).ports.length > 0) {
    if (Date.now() - start > DELETE_SECONDS * 1000) throw new Error(`server ${deviceId}'s ports are still there`);
    await sleep(250);
  }
  return Date.now() - start;
}

/** Waits for one line on stdin: the test has looked at the ACTIVE server. */
async function goAhead(): Promise<void> {
  const lines = readline.createInterface({ input: process.stdin });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      new Promise<void>((resolve) => lines.once("line", () => resolve())),
      new Promise<never>((_, reject) => {
        const failure = new Error(`no line on stdin within ${GO_AHEAD_SECONDS} s`);
        timer = setTimeout(() => reject(failure), GO_AHEAD_SECONDS * 1000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    lines.close();
  }
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function step(name: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ step: name, ...fields }));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A failure as one line: an API error carries the status and the problem's detail. */
async function describe(e: unknown): Promise<Record<string, unknown>> {
  if (e instanceof ResponseError) {
    const body = await e.response.text().catch(() => "");
    return { error: e.message, status: e.response.status, body };
  }
  const cause = e instanceof Error && e.cause !== undefined ? String(e.cause) : undefined; // a FetchError's
  return { error: e instanceof Error ? e.message : String(e), cause };
}

main().then(
  () => step("done"),
  async (e: unknown) => {
    step("failed", await describe(e));
    process.exitCode = 1;
  },
);
