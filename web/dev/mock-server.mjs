// A tiny stand-in for the session's API (docs/server-api.md) for `npm run dev` without a
// server: `npm run mock` (port 9090), then `npm run dev`. Not part of the build.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";

const cube = JSON.parse(readFileSync(new URL("./cube.json", import.meta.url), "utf8"));
const content = new Map();
const years = ["2023", "2024"];
const categories = ["Food", "Drink", "Non-Consumable"];

const m = (uniqueName, caption, depth, hierarchy, level) => ({
  uniqueName, name: caption, caption, depth, hierarchyUniqueName: hierarchy, levelUniqueName: level,
});
const yearMember = (y) => m(`[Time].[Time].[${y}]`, y, 1, "[Time].[Time]", "[Time].[Time].[Year]");
const catMember = (c) => m(`[Product].[Category].[${c}]`, c, 1, "[Product].[Category]", "[Product].[Category].[Category]");
const measure = (name) => m(`[Measures].[${name}]`, name, 0, "[Measures]", "[Measures].[MeasuresLevel]");

/** A canned answer: measures named in the query on columns, categories (or years) on rows. */
function cellSet(mdx) {
  if (/Nope/.test(mdx)) return null;
  const measures = [...mdx.matchAll(/\[Measures\]\.\[([^\]]+)\]/g)].map((x) => x[1]);
  const columns = (measures.length ? [...new Set(measures)] : ["Amount"]).map((n) => [measure(n)]);
  const rows = /Category/.test(mdx) ? categories.map((c) => [catMember(c)]) : years.map((y) => [yearMember(y)]);
  const cells = [];
  rows.forEach((_, r) => columns.forEach((_, c) => {
    const value = Math.round(1000 * (r + 1) * (c + 1) + Math.random() * 100);
    cells.push({ ordinal: c + r * columns.length, value, formattedValue: value.toLocaleString("en-US") });
  }));
  return { axes: [{ positions: columns.map((members) => ({ members })) }, { positions: rows.map((members) => ({ members })) }], slicer: { members: [] }, cells };
}

function send(res, status, body, type = "application/json") {
  res.writeHead(status, { "Content-Type": type });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  let body = "";
  for await (const chunk of req) body += chunk;
  const json = body ? JSON.parse(body) : {};
  const p = url.pathname;
  if (p === "/api/health") return send(res, 200, { session: "mock", ready: true, cubes: [cube.name] });
  if (p === "/api/auth/me") return send(res, 200, { name: null, roles: [], authenticated: false });
  if (p === "/api/cubes") return send(res, 200, [{ name: cube.name }]);
  if (p === `/api/cubes/${cube.name}`) return send(res, 200, cube);
  if (p === `/api/cubes/${cube.name}/members`) {
    const level = url.searchParams.get("level") ?? "";
    const search = (url.searchParams.get("search") ?? "").toLowerCase();
    const list = level.includes("Category") ? categories.map(catMember) : years.map(yearMember);
    const members = list.filter((x) => x.caption.toLowerCase().includes(search));
    return send(res, 200, { total: members.length, members });
  }
  if (p === "/api/mdx") {
    const cs = cellSet(json.mdx ?? "");
    if (!cs) {
      const offset = json.mdx.indexOf("[Measures].[Nope]");
      const before = json.mdx.slice(0, offset).split("\n");
      return send(res, 400, {
        title: "Bad MDX", status: 400, detail: "Unknown member [Measures].[Nope]",
        diagnostics: [{ code: "MDX0101", message: "Unknown member [Measures].[Nope]", line: before.length, column: before.at(-1).length + 1, offset, length: 17 }],
      }, "application/problem+json");
    }
    return send(res, 200, cs);
  }
  if (p === "/api/mdx/drillthrough") return send(res, 200, { columns: ["Date", "Product", "Amount"], rows: [["2024-01-02", "Bread", 12.5], ["2024-01-03", "Milk", 3.2]] });
  if (p === "/api/mdx/csv") return send(res, 200, "Category,Amount\nFood,1000\n", "text/csv");
  if (p === "/api/content" && req.method === "GET") {
    const kind = url.searchParams.get("kind");
    return send(res, 200, [...content.values()].filter((c) => !kind || c.kind === kind).map(({ body: _b, ...rest }) => rest));
  }
  const item = /^\/api\/content\/(.+)$/.exec(p);
  if (item) {
    const id = decodeURIComponent(item[1]);
    if (req.method === "PUT") {
      const stored = { id, ...json, updated: new Date().toISOString() };
      content.set(id, stored);
      return send(res, 200, stored);
    }
    if (req.method === "DELETE") {
      content.delete(id);
      res.writeHead(204).end();
      return;
    }
    return content.has(id) ? send(res, 200, content.get(id)) : send(res, 404, { title: "Not found", status: 404 });
  }
  send(res, 404, { title: "Not found", status: 404 }, "application/problem+json");
}).listen(9090, () => console.log("mock API on http://localhost:9090"));
