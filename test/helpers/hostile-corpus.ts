/** Hostile and awkward text for names and callback URLs: each entry says what it tries. */
export const HOSTILE_CORPUS: readonly {readonly what: string; readonly text: string}[] = [
  {what: 'a lone ESC', text: 'Esc\u001Bape'},
  {what: 'CSI: clear screen, home', text: 'Clear\u001B[2J\u001B[Hme'},
  {what: 'CSI: colour and cursor moves', text: 'Red\u001B[31m\u001B[10;10Hhere'},
  {what: 'OSC 0: window title (BEL)', text: 'Title\u001B]0;pwned title\u0007x'},
  {what: 'OSC 2: window title (ST)', text: 'Title2\u001B]2;pwned title\u001B\\x'},
  {what: 'OSC 8: hyperlink', text: 'Link\u001B]8;;https://evil.example/\u001B\\click\u001B]8;;\u001B\\'},
  {what: 'OSC 52: set the clipboard', text: 'Clip\u001B]52;c;cHduZWQgY2xpcGJvYXJk\u0007x'},
  {what: 'C1 CSI and OSC', text: 'Cone\u009B2J\u009D0;pwned title\u009Cx'},
  {what: 'C0 controls: BEL, BS, VT, CR', text: 'Ctl\u0007\u0008\u000B\rover'},
  {what: 'NUL', text: 'Nul\u0000byte'},
  {what: 'bidi override', text: 'Evil\u202Emoc.elgoog'},
  {what: 'zero-width space and joiner', text: 'Zero\u200Bwidth\u200Djoin'},
  {what: '10,000 characters', text: 'L'.repeat(10_000)},
  {what: 'wide characters', text: '株式会社テスト株式会社テスト株式会社テスト'},
  {what: 'emoji', text: 'Rocket 🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀'},
  {what: 'emoji sequences: ZWJ, VS16, skin tone', text: 'Family 👨‍👩‍👧 ❤️ 👍🏽 1️⃣'},
  {what: 'combining marks', text: 'Cafe\u0301 Z\u0351\u0352\u0353\u0354a\u0355\u0356lgo'},
];

/** Output that only an attacker's text would put there: OSC (title, hyperlink, clipboard) and C1 controls. */
export const INJECTED_OUTPUT = /\u001B\]|[\u0080-\u009F]/;
