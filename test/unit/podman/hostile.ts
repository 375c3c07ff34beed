// Values that break naive quoting anywhere: shells, systemd specifiers and variables, C escapes, JSON.
export const HOSTILE = `  a"b 'c' $HOME \${X} $$ %h %% \`id\` $(id) ;|&<> \\ \\n \tnew\nline é ☃ = end  `;
