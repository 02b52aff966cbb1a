// The colours a tag may have (the SQL check lists the same), and their chip classes.
export const tagColors = ['slate', 'red', 'amber', 'green', 'teal', 'blue', 'violet', 'pink'] as const;
export type TagColor = (typeof tagColors)[number];

const chip: Record<TagColor, string> = {
  slate: 'bg-slate-100 text-slate-800 ring-slate-300',
  red: 'bg-red-100 text-red-900 ring-red-300',
  amber: 'bg-amber-100 text-amber-900 ring-amber-300',
  green: 'bg-green-100 text-green-900 ring-green-300',
  teal: 'bg-teal-100 text-teal-900 ring-teal-300',
  blue: 'bg-blue-100 text-blue-900 ring-blue-300',
  violet: 'bg-violet-100 text-violet-900 ring-violet-300',
  pink: 'bg-pink-100 text-pink-900 ring-pink-300',
};

export function tagChipClass(color: string): string {
  return chip[color as TagColor] ?? chip.slate;
}
