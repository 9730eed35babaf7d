/**
 * The few HTML pages of the authorization endpoint: the error page (a request that cannot be
 * sent back to its callback URL) and the waiting page of a request an admin approves. No
 * JavaScript: the waiting page moves on by itself with <meta http-equiv="refresh">.
 */
import type {ServerResponse} from 'node:http';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, character => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[character]!);

const page = (title: string, paragraphs: readonly string[], refresh?: {seconds: number; url: string}): string =>
  [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width">',
    refresh ? `<meta http-equiv="refresh" content="${refresh.seconds};url=${escapeHtml(refresh.url)}">` : '',
    `<title>${escapeHtml(title)}</title></head>`,
    `<body style="font-family:sans-serif;max-width:40em;margin:3em auto"><h1>${escapeHtml(title)}</h1>`,
    ...paragraphs.map(text => `<p>${escapeHtml(text)}</p>`),
    '</body></html>',
  ].join('\n');

export const sendHtml = (res: ServerResponse, status: number, html: string): void => {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    // Nothing to run, frame or leak: the page only shows text.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(html);
};

/** RFC 6749 §4.1.2.1: no redirect to a URI that is not the third party's. */
export const errorPage = (error: string, description: string): string =>
  page('Authorization request refused', [
    description,
    `(${error}) This request cannot be sent back to the application: the callback URL is missing or not the one registered for it. Ask the administrator of this server.`,
  ]);

/** Too many authorization requests from one address (authorize-pace.ts): nothing was looked at, so nothing is sent back. */
export const tooManyPage = (retryAfterSeconds: number): string =>
  page('Too many authorization requests', [
    `This address has sent more authorization requests than the server takes from one address; try again in ${retryAfterSeconds} s.`,
  ]);

/**
 * Names no third party: whoever knows a client ID and its callback URL can open this page.
 * `consoles`: the consoles that can approve now (on a database, on any machine); undefined when
 * that cannot be known (the database is away).
 */
export const waitingPage = (consoles: number | undefined, next: string): string =>
  page(
    'Waiting for approval',
    [
      'The application asks for access. An administrator approves or denies it in the tpa console; this page moves on by itself.',
      consoles === undefined
        ? 'It is refused if not approved within 10 minutes.'
        : consoles === 0
          ? 'No console is open now: nobody can approve this request until an administrator opens tpa. It is refused after 10 minutes.'
          : `${consoles === 1 ? 'One console is' : `${consoles} consoles are`} open. It is refused if not approved within 10 minutes.`,
    ],
    {seconds: 1, url: next},
  );
