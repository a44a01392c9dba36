/**
 * The unit tier is pure: no child processes, no sockets (loopback included), no browser. A unit
 * test that reaches for one fails here with the reason, instead of slowing the tier down or
 * depending on the machine. Such a test belongs in the integration tier (`*.int.test.ts` or test/).
 */
import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";

function refuse(what: string): never {
  throw new Error(`${what} in the unit tier: it is pure. Name the test *.int.test.ts (integration tier).`);
}

for (const name of ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const) {
  Object.defineProperty(childProcess, name, { value: () => refuse(`child_process.${name}`), writable: true });
}
net.Socket.prototype.connect = function connect() {
  return refuse("A socket connection");
};
net.Server.prototype.listen = function listen() {
  return refuse("A listening server");
};
syncBuiltinESMExports();
