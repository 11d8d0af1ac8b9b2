// Drives `tend mcp` with the TypeScript MCP SDK's client: lists the tools and calls two of them.
// Usage: node client.mjs LAUNCHER PROJECT_DIR   (TEND_HOME in the environment). Prints one JSON object.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [launcher, projectDir] = process.argv.slice(2);
const transport = new StdioClientTransport({ command: launcher, args: ["mcp"], env: process.env, stderr: "inherit" });
const client = new Client({ name: "tend-node-it", version: "1.0.0" });
await client.connect(transport);
const { tools } = await client.listTools();
const text = (r) => r.content.map((c) => c.text).join("\n");
const up = await client.callTool({ name: "up_project", arguments: { dir: projectDir, wait: true } },
  undefined, { timeout: 120000 });
const list = await client.callTool({ name: "list_services", arguments: {} });
const bad = await client.callTool({ name: "read_logs", arguments: { service: "nosuch", project: "node" } });
const down = await client.callTool({ name: "down_project", arguments: { project: "node" } });
console.log(JSON.stringify({
  server: client.getServerVersion()?.name,
  tools: tools.map((t) => t.name).sort(),
  up: { isError: up.isError ?? false, text: text(up) },
  list: { isError: list.isError ?? false, text: text(list) },
  bad: { isError: bad.isError ?? false, text: text(bad) },
  down: { isError: down.isError ?? false },
}));
await client.close();
