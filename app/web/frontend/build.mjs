// Bundles main.js (CodeMirror 6 and what it needs) into one minified script the app serves as
// /static/editor.js, and writes the licences of every bundled package beside it. Run with
// `make editor` (npm ci first); the output is committed, so serving and CI need no Node.
import { build } from "esbuild";
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const outfile = join(here, "..", "static", "editor.js");
const noticeFile = outfile + ".LICENSE.txt";

const result = await build({
  entryPoints: [join(here, "main.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none", // the notices go to editor.js.LICENSE.txt, whole
  banner: { js: "/*! mljudge editor: CodeMirror 6 (MIT) and its parts; licences in editor.js.LICENSE.txt */" },
  metafile: true,
  outfile,
});

// The packages whose files ended up in the bundle, with their licence texts.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (!match || packages.has(match[1])) continue;
  const folder = join(here, "node_modules", match[1]);
  const meta = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  const licenceFile = readdirSync(folder).find((name) => /^licen[cs]e/i.test(name));
  const text = licenceFile ? readFileSync(join(folder, licenceFile), "utf8").trim() : "(no licence file)";
  packages.set(match[1], `${meta.name} ${meta.version} (${meta.license})\n\n${text}\n`);
}
const names = [...packages.keys()].sort();
const rule = "\n" + "-".repeat(72) + "\n\n";
writeFileSync(
  noticeFile,
  "Third-party software bundled in editor.js (built by app/web/frontend/build.mjs):\n\n" +
    names.map((name) => packages.get(name)).join(rule),
);

const bundle = readFileSync(outfile);
console.log(
  `editor.js: ${bundle.length} bytes minified, ${gzipSync(bundle, { level: 9 }).length} bytes gzipped; ` +
    `${names.length} packages: ${names.join(", ")}`,
);
