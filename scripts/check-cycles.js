#!/usr/bin/env node
// Import-cycle check over every package's sources (dpdm). Exits 1 on any cycle.
import { parseDependencyTree, parseCircular, prettyCircular } from 'dpdm';
import { readdirSync, existsSync } from 'node:fs';

const roots = readdirSync('.', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`${d.name}/src`) && existsSync(`${d.name}/package.json`))
  .map((d) => `${d.name}/src/**/*.ts`);
const tree = await parseDependencyTree(roots, { context: process.cwd(), transform: true, skipDynamicImports: false, tsconfig: './tsconfig.json' });
const cycles = parseCircular(tree);
if (cycles.length > 0) {
  console.error(`Import cycles found (${cycles.length}):\n${prettyCircular(cycles)}`);
  process.exit(1);
}
console.log(`No import cycles in ${Object.keys(tree).length} modules.`);
