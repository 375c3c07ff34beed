// Names taken from user data that would break out of SVG markup if they were not escaped.
export const HOSTILE_NAMES = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "it's & <b>bold</b>",
  'a"b\'c&amp;d',
  'ctrl\u0001\u0008char',
] as const;
