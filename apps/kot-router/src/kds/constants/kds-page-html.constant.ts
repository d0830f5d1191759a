/**
 * The KDS page (`GET /kds`). Static: everything the page shows comes over the socket and is rendered
 * by /kds/kds.js with textContent (never innerHTML), so ticket text cannot inject markup.
 */
export const KDS_PAGE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>Kitchen display</title>
    <link rel="stylesheet" href="/kds/kds.css" />
    <script src="/socket.io/socket.io.min.js" defer></script>
    <script src="/kds/kds.js" defer></script>
  </head>
  <body>
    <header class="bar">
      <div class="where">
        <span id="station" class="station">Kitchen display</span>
        <span id="venue" class="venue"></span>
      </div>
      <div id="counts" class="counts"></div>
      <button id="sound" class="sound" type="button" hidden>Sound off: tap to enable</button>
      <div id="clock" class="clock"></div>
      <div id="conn" class="conn conn-connecting" role="status" aria-live="polite">connecting…</div>
    </header>
    <form id="login" class="login" hidden>
      <h1>Open a kitchen station</h1>
      <p id="login-reason" class="login-reason"></p>
      <label>Token <input id="login-token" name="token" type="password" autocomplete="off" required /></label>
      <label>Venue (manager or staff tokens) <input id="login-venue" name="venueId" autocomplete="off" /></label>
      <label>Station (manager or staff tokens) <input id="login-station" name="station" autocomplete="off" /></label>
      <button type="submit">Open</button>
      <p class="hint">Or open <code>/kds?token=…</code> (or <code>/kds#token=…</code>, which stays out of server logs).</p>
    </form>
    <main id="board" class="board" aria-label="open tickets"></main>
    <p id="empty" class="empty" hidden>No open tickets</p>
    <footer id="recent" class="recent" hidden>
      <span class="recent-label">Recently bumped</span>
      <div id="bumped" class="recent-list"></div>
    </footer>
    <div id="toast" class="toast" role="alert" hidden></div>
  </body>
</html>
`;
