// What the customer wrote this time, for the AI: without the quoted history ("> " lines and
// everything from "On … wrote:" / "El … escribió:" / Outlook's "-----Original Message-----")
// and without the signature ("-- " line). Postmark's StrippedTextReply is preferred when given.

const quoteIntro = [
  /^On .+wrote:\s*$/i,
  /^El .+escribi[óo]:\s*$/i,
  /^Em .+escreveu:\s*$/i,
  /^-{2,}\s*(Original Message|Mensaje original|Mensagem original)\s*-{2,}\s*$/i,
  /^(From|De):\s.+$/,
];

export function stripQuotedReply(text: string): string {
  const kept: string[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line === '-- ' || line === '--') break;
    // Gmail wraps a long "On … wrote:" over two lines.
    const joined = `${line} ${lines[i + 1] ?? ''}`;
    if (quoteIntro.some((intro) => intro.test(line.trim()) || intro.test(joined.trim()))) {
      if (kept.length > 0) break;
    }
    if (/^\s*>/.test(line)) continue;
    kept.push(line);
  }
  return kept.join('\n').trim();
}
