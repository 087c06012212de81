/**
 * Pulls the spoken lines out of a script's YAML preview (as the API serves it) for a side-by-side
 * zh / en view. Reads only the shape the dialog engine emits: `- id:` steps with text/prompt maps.
 */
export interface PreviewStep { id: string; zh: string; en: string }

const unquote = (s: string) => s.trim().replace(/^'(.*)'$/s, (_, x: string) => x.replace(/''/g, "'")).replace(/^"(.*)"$/s, '$1');

export function previewSteps(yaml: string): PreviewStep[] {
  const lines = yaml.split('\n');
  const out: PreviewStep[] = [];
  let id = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const step = /^\s*- id: (.+)$/.exec(line);
    if (step) { id = unquote(step[1]!); continue; }
    const key = /^(\s*)(text|prompt):\s*$/.exec(line);
    if (!key || !id) continue;
    const indent = key[1]!.length;
    const entry: PreviewStep = { id, zh: '', en: '' };
    for (let j = i + 1; j < lines.length; j++) {
      const m = /^(\s*)(zh|en): ?(.*)$/.exec(lines[j]!);
      if (!m || m[1]!.length <= indent) break;
      let value = m[3]!;
      // Folded continuation lines are indented deeper than the key.
      while (j + 1 < lines.length && /^\s+/.test(lines[j + 1]!) && lines[j + 1]!.search(/\S/) > m[1]!.length && !/^\s*(zh|en):/.test(lines[j + 1]!)) value += ` ${lines[++j]!.trim()}`;
      // A double-quoted YAML scalar folds lines; a trailing backslash joins them with no space (YAML 1.2 section 7.3.1).
      entry[m[2] as 'zh' | 'en'] = unquote(value.replace(/\\ /g, ''));
    }
    if (entry.zh || entry.en) out.push(entry);
  }
  return out;
}

/**
 * The API's text preview: one `=== title [lang] ===` section per language with the happy-path
 * conversation (`BOT: ...`, `PATIENT: ...`, indented notes). Sections walk the same path, so line i
 * of each language is the same moment of the call; they are paired for a side-by-side view.
 */
export interface PreviewRow { speaker: string; zh: string; en: string }

export function previewRows(text: string): PreviewRow[] {
  const sections: Record<string, string[]> = {};
  let lang: string | null = null;
  for (const line of text.split('\n')) {
    const head = /^=== .* \[([a-z-]+)\] ===$/.exec(line.trim());
    if (head) { lang = head[1]!.startsWith('en') ? 'en' : 'zh'; sections[lang] = []; continue; }
    if (lang && /^(BOT|PATIENT|CALLER|SYSTEM):/i.test(line.trim())) sections[lang]!.push(line.trim());
  }
  if (!sections.zh && !sections.en) {
    // Older servers sent the script as YAML.
    return previewSteps(text).map((s) => ({ speaker: s.id, zh: s.zh, en: s.en }));
  }
  const zh = sections.zh ?? [];
  const en = sections.en ?? [];
  const split = (l: string | undefined) => { const m = /^([A-Z]+):\s*(.*)$/.exec(l ?? ''); return m ? [m[1]!, m[2]!] : ['', l ?? '']; };
  return Array.from({ length: Math.max(zh.length, en.length) }, (_, i) => {
    const [sz, tz] = split(zh[i]);
    const [se, te] = split(en[i]);
    return { speaker: sz || se || '', zh: tz!, en: te! };
  });
}
