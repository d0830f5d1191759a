/*
 * The kitchen display (KDS) page's script, served at /kds/kds.js. Plain browser JavaScript with no
 * build step. kot-router reads this file next to the compiled controller; swc's build copies it to
 * dist unchanged apart from a "use strict" line.
 *
 * Protocol (namespace /kitchen, libs/contracts/src/kitchen/kitchen-socket.events.ts): the handshake
 * sends auth { token, venueId?, station? }. The server answers `joined`, and the page then asks
 * `sync { afterSeq }` for what it missed; the answer's `states` say which cards were started, bumped
 * or recalled meanwhile. Each `ticket` is answered with ack({ ok: true }) once its card is on screen
 * (a ticket seen before updates its card: a re-ranked priority). A tap sends `ticket:ack` (started),
 * Bump sends `ticket:bump` and Recall sends `ticket:recall`; `ticket:changed` brings what another
 * screen of the station did, or (`voided`) that every line of a ticket was voided, which retires it.
 * Cards are in the station's order of work: each ticket's `priority` (its start-by minute, rush and
 * VIP first), then its seq. A void of some lines strikes them out on
 * the order's cards; a void of the whole order (`voidsOrder`) replaces them.
 *
 * What the page remembers (sessionStorage, per venue and station): the cards, the recently bumped
 * tickets, the ids already seen and the last sequence number up to which it has every ticket. A
 * reconnect, or a reload in the same tab, picks up from there without a duplicate.
 */
/* global window, document, location, history, io */
(function () {
  'use strict';

  const KEYS = { token: 'kds.token', venueId: 'kds.venueId', station: 'kds.station' };
  const RECENT_LIMIT = 8;
  const KNOWN_LIMIT = 2000;
  const ACTION_TIMEOUT_MS = 8000;
  const SYNC_TIMEOUT_MS = 20000;
  const SYNC_RETRY_MS = 3000;
  /** how long a hole in the sequence may stay open before the page asks for a sync */
  const GAP_WAIT_MS = 1000;
  const AUTH_RETRY_MS = 5000;
  const KIND_LABELS = { new: 'NEW', addition: 'ADDITION', void: 'VOID' };
  const LABELS = {
    dine_in: 'Dine-in',
    pickup: 'Pickup',
    delivery: 'Delivery',
    curbside: 'Curbside',
    qr: 'QR',
    call_center: 'Call centre',
  };

  const byId = (id) => document.getElementById(id);
  const el = {
    board: byId('board'),
    empty: byId('empty'),
    bumped: byId('bumped'),
    recent: byId('recent'),
    conn: byId('conn'),
    station: byId('station'),
    venue: byId('venue'),
    counts: byId('counts'),
    clock: byId('clock'),
    sound: byId('sound'),
    toast: byId('toast'),
    login: byId('login'),
    loginReason: byId('login-reason'),
    loginToken: byId('login-token'),
    loginVenue: byId('login-venue'),
    loginStation: byId('login-station'),
  };

  // ---------------------------------------------------------------------------------------------
  // Configuration: credentials from the address (then removed from it), thresholds from the query
  // ---------------------------------------------------------------------------------------------

  /** Moves token, venueId and station from the query or the fragment into sessionStorage. */
  function takeCredentialsFromUrl() {
    const url = new URL(location.href);
    const fragment = new URLSearchParams(url.hash.slice(1));
    const given = (name) => url.searchParams.get(name) ?? fragment.get(name);
    const names = Object.keys(KEYS);
    if (names.every((name) => given(name) === null)) return;
    // a new token comes with its own venue and station (or none): forget the previous ones
    const freshToken = given('token') !== null;
    for (const name of names) {
      const value = given(name);
      if (value) sessionStorage.setItem(KEYS[name], value);
      else if (freshToken || value === '') sessionStorage.removeItem(KEYS[name]);
      url.searchParams.delete(name);
      fragment.delete(name);
    }
    const rest = fragment.toString();
    history.replaceState(history.state, '', url.pathname + url.search + (rest ? '#' + rest : ''));
  }

  function minutesParam(params, name, fallback) {
    const value = Number(params.get(name));
    return params.has(name) && Number.isFinite(value) && value > 0 ? value : fallback;
  }

  takeCredentialsFromUrl();
  const query = new URLSearchParams(location.search);
  /** minutes after which a card turns amber, then red (?warn=5&late=10) */
  const warnMinutes = minutesParam(query, 'warn', 5);
  const lateMinutes = Math.max(minutesParam(query, 'late', 10), warnMinutes + 1);

  // ---------------------------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------------------------

  /** the station this screen shows, once joined */
  let scope = null;
  /** persisted: { lastSeq, cards: { [ticketId]: { ticket, started, slot } }, recent: [], known: [] } */
  let state = emptyState();
  let knownIds = new Set();
  /** sequence numbers seen above lastSeq, with a hole below them */
  const aheadSeqs = new Set();
  /** tickets that arrived before `joined` told the page its station */
  let early = [];
  const busy = new Set();
  const cardNodes = new Map();
  let socket = null;
  let serverLastSeq = 0;
  let syncing = false;
  let syncAgain = false;
  let syncGeneration = 0;
  let syncRetryTimer = null;
  let gapTimer = null;

  function emptyState() {
    return { lastSeq: 0, cards: {}, recent: [], known: [] };
  }

  function storageKey() {
    return 'kds.state:' + scope.venueId + ':' + scope.station;
  }

  function load() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(storageKey()) ?? 'null');
      if (
        saved &&
        Number.isInteger(saved.lastSeq) &&
        saved.cards &&
        typeof saved.cards === 'object' &&
        Array.isArray(saved.recent) &&
        Array.isArray(saved.known)
      ) {
        return saved;
      }
    } catch {
      // a damaged entry: start afresh, sync replays the station's tickets
    }
    return emptyState();
  }

  function save() {
    if (!scope) return;
    try {
      sessionStorage.setItem(storageKey(), JSON.stringify(state));
    } catch {
      // storage full or refused: the page keeps working from memory
    }
  }

  function adopt(next) {
    state = next;
    knownIds = new Set(state.known);
    aheadSeqs.clear();
    for (const node of cardNodes.values()) node.remove();
    cardNodes.clear();
  }

  function remember(ticketId) {
    knownIds.add(ticketId);
    state.known.push(ticketId);
    if (state.known.length > KNOWN_LIMIT) knownIds.delete(state.known.shift());
  }

  // ---------------------------------------------------------------------------------------------
  // Tickets in, in sequence
  // ---------------------------------------------------------------------------------------------

  function isTicket(ticket) {
    return (
      ticket !== null &&
      typeof ticket === 'object' &&
      typeof ticket.ticketId === 'string' &&
      typeof ticket.orderId === 'string' &&
      Number.isInteger(ticket.seq) &&
      Array.isArray(ticket.items)
    );
  }

  function onTicket(ticket, ack) {
    const answer = typeof ack === 'function' ? ack : () => undefined;
    if (!scope) {
      early.push([ticket, answer]);
      return;
    }
    if (!isTicket(ticket) || ticket.station !== scope.station) {
      answer({ ok: false, error: 'not a ticket of this station' });
      return;
    }
    const added = receive(ticket);
    save();
    render();
    if (added) chime(ticket.kind);
    answer({ ok: true });
  }

  /** Records the ticket's seq and shows it, unless it was seen before; true when a card was added. */
  /** A ticket's place on the board: its priority (the station's order of work), seq for old tickets. */
  function rankOf(ticket) {
    return Number.isFinite(ticket.priority) && ticket.priority > 0 ? ticket.priority : ticket.seq;
  }

  function dropNode(ticketId) {
    const node = cardNodes.get(ticketId);
    if (node) node.remove();
    cardNodes.delete(ticketId);
  }

  /** A ticket sent again (its order's priority changed): the card takes its new place and badges. */
  function update(ticket) {
    const card = state.cards[ticket.ticketId];
    if (!card || card.ticket.kind === 'void') return;
    card.ticket = Object.assign({}, card.ticket, {
      priority: ticket.priority,
      orderPriority: ticket.orderPriority,
      startBy: ticket.startBy,
    });
    if (!ticket.orderPriority) delete card.ticket.orderPriority;
    card.slot = rankOf(card.ticket);
    dropNode(ticket.ticketId);
  }

  /** Whether a void ticket voids its whole order (a cancellation) or only the lines on it. */
  function voidsWholeOrder(ticket) {
    return ticket.voidsOrder === true || !ticket.items.some((item) => typeof item.lineId === 'string');
  }

  function receive(ticket) {
    noteSeq(ticket.seq);
    if (knownIds.has(ticket.ticketId)) {
      update(ticket);
      return false;
    }
    remember(ticket.ticketId);
    // Optional state on a replayed ticket (ackedAt, bumpedAt), for a server that sends it: today's
    // sync replays tickets without it, so a fresh tab also shows tickets bumped long ago.
    if (ticket.bumpedAt) return false;
    const started = Boolean(ticket.ackedAt) && ticket.kind !== 'void';
    const cards = Object.values(state.cards);
    if (ticket.kind === 'void' && !voidsWholeOrder(ticket)) {
      // some lines voided: struck out on the order's cards, and a void card beside the first of them
      const lineIds = ticket.items.map((item) => item.lineId);
      let slot = rankOf(ticket);
      for (const card of cards) {
        if (card.ticket.orderId !== ticket.orderId || card.ticket.kind === 'void') continue;
        card.voided = Array.from(new Set((card.voided || []).concat(lineIds)));
        slot = Math.min(slot, card.slot);
        dropNode(card.ticket.ticketId);
      }
      state.cards[ticket.ticketId] = { ticket, started: false, slot };
      return true;
    }
    if (ticket.kind === 'void') {
      // the void takes the place of the order's cards at this station
      let slot = rankOf(ticket);
      for (const card of cards) {
        if (card.ticket.orderId === ticket.orderId && card.ticket.kind !== 'void') {
          slot = Math.min(slot, card.slot);
          delete state.cards[card.ticket.ticketId];
        }
      }
      state.recent = state.recent.filter((entry) => entry.ticket.orderId !== ticket.orderId);
      state.cards[ticket.ticketId] = { ticket, started: false, slot };
      return true;
    }
    if (
      cards.some(
        (card) =>
          card.ticket.orderId === ticket.orderId &&
          card.ticket.kind === 'void' &&
          voidsWholeOrder(card.ticket),
      )
    ) {
      return false; // the order is void already
    }
    state.cards[ticket.ticketId] = { ticket, started, slot: rankOf(ticket) };
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // What the station's other screens did: at once (ticket:changed), or as states after a sync
  // ---------------------------------------------------------------------------------------------

  function onChanged(change) {
    if (!scope || !change || change.station !== scope.station || typeof change.ticketId !== 'string') return;
    const card = state.cards[change.ticketId];
    if (change.action === 'started' && card) card.started = true;
    else if ((change.action === 'bumped' || change.action === 'voided') && card) retire(change.ticketId);
    else if (change.action === 'recalled') restoreFromRecent(change.ticketId, change.ticket);
    save();
    render();
  }

  /** A recalled ticket is back on the board: from the bumped strip, or as the server sent it. */
  function restoreFromRecent(ticketId, ticket) {
    if (state.cards[ticketId]) return;
    const entry = state.recent.find((candidate) => candidate.ticket.ticketId === ticketId);
    if (entry) {
      backOnBoard(entry);
    } else if (isTicket(ticket) && ticket.station === scope.station) {
      if (!knownIds.has(ticketId)) remember(ticketId);
      state.cards[ticketId] = { ticket, started: false, slot: rankOf(ticket) };
    }
  }

  /** An entry of the bumped strip goes back on the board as it was (started, slot, voided lines). */
  function backOnBoard(entry) {
    state.recent = state.recent.filter((candidate) => candidate !== entry);
    state.cards[entry.ticket.ticketId] = {
      ticket: entry.ticket,
      started: entry.started,
      slot: entry.slot,
      voided: entry.voided,
    };
  }

  /** The sync answer's states: what happened to this screen's cards while it was away. */
  function applyStates(states) {
    if (!Array.isArray(states)) return;
    for (const entry of states) {
      if (!entry || typeof entry.ticketId !== 'string') continue;
      const card = state.cards[entry.ticketId];
      if (entry.bumpedAt) {
        if (card) retire(entry.ticketId);
      } else {
        if (card && entry.ackedAt) card.started = true;
        if (!card) restoreFromRecent(entry.ticketId);
      }
    }
  }

  /** Advances lastSeq over every contiguous seq; a hole that stays open asks for a sync. */
  function noteSeq(seq) {
    if (seq <= state.lastSeq) return;
    aheadSeqs.add(seq);
    while (aheadSeqs.delete(state.lastSeq + 1)) state.lastSeq += 1;
    if (aheadSeqs.size > 0 && gapTimer === null) {
      gapTimer = setTimeout(() => {
        gapTimer = null;
        if (aheadSeqs.size > 0) requestSync();
      }, GAP_WAIT_MS);
    }
  }

  /** Asks the server for every ticket after lastSeq: it replays them as `ticket` events, then answers. */
  function requestSync() {
    if (!socket || !socket.connected || !scope) return;
    if (syncing) {
      syncAgain = true;
      return;
    }
    syncing = true;
    syncAgain = false;
    clearTimeout(syncRetryTimer);
    const generation = syncGeneration;
    const afterSeq = state.lastSeq;
    socket.timeout(SYNC_TIMEOUT_MS).emit('sync', { afterSeq }, (error, answer) => {
      if (generation !== syncGeneration) return; // the connection it was sent on is gone
      syncing = false;
      if (error || !answer || !answer.ok) {
        const why = answer && answer.error ? ': ' + answer.error : '';
        toast('Could not catch up on missed tickets' + why + '. Retrying…');
        syncRetryTimer = setTimeout(requestSync, syncAgain ? 0 : SYNC_RETRY_MS);
        return;
      }
      // The replayed tickets came before this answer, so a seq still missing below one seen does not exist.
      if (aheadSeqs.size > 0) {
        state.lastSeq = Math.max(state.lastSeq, ...aheadSeqs);
        aheadSeqs.clear();
      }
      applyStates(answer.states);
      save();
      render();
      // the server replays a page at a time: ask again while it is behind the cursor it announced
      if (syncAgain || (answer.replayed > 0 && state.lastSeq < serverLastSeq)) requestSync();
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Connection
  // ---------------------------------------------------------------------------------------------

  function setConnection(kind, text) {
    el.conn.className = 'conn conn-' + kind;
    el.conn.textContent = text;
    el.conn.title = text;
  }

  function connect() {
    const token = sessionStorage.getItem(KEYS.token);
    if (!token) {
      setConnection('refused', 'no token');
      showLogin('Open this page with a station token: /kds?token=…');
      return;
    }
    if (typeof io !== 'function') {
      setConnection('refused', 'the socket.io client did not load');
      return;
    }
    if (socket) {
      // another token (the login form): the station is known again once it joins
      socket.removeAllListeners();
      socket.disconnect();
      scope = null;
      early = [];
      adopt(emptyState());
      render();
    }
    const auth = { token };
    const venueId = sessionStorage.getItem(KEYS.venueId);
    const station = sessionStorage.getItem(KEYS.station);
    if (venueId) auth.venueId = venueId;
    if (station) auth.station = station;
    el.login.hidden = true;
    setConnection('connecting', 'connecting…');

    // websocket only: a screen that reconnects to another replica needs no sticky session
    const s = io('/kitchen', {
      auth,
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    socket = s;
    s.on('joined', onJoined);
    s.on('ticket', onTicket);
    s.on('ticket:changed', onChanged);
    s.on('connect', () => setConnection('connecting', 'joining…'));
    // an event the server could not handle (Nest's WsException): say so, the card stays as it was
    s.on('exception', (error) => toast('The kitchen server refused: ' + (error && error.message)));
    s.on('connect_error', (error) => {
      if (s.active) {
        setConnection('reconnecting', 'reconnecting… (' + error.message + ')');
      } else if (error.message === 'cannot authenticate now') {
        setConnection('reconnecting', 'the server cannot check the token now; retrying…');
        retryLater(s);
      } else {
        setConnection('refused', 'refused: ' + error.message);
        showLogin('The server refused this token: ' + error.message);
      }
    });
    s.on('disconnect', (reason) => {
      syncGeneration += 1;
      syncing = false;
      if (reason === 'io client disconnect') return;
      setConnection('reconnecting', 'reconnecting…');
      // the server let go of this screen: the client does not retry by itself; the handshake re-checks the token
      if (!s.active) retryLater(s);
    });
    s.io.on('reconnect_attempt', (attempt) => {
      if (s === socket) setConnection('reconnecting', 'reconnecting… (attempt ' + attempt + ')');
    });
  }

  function retryLater(s) {
    setTimeout(() => {
      if (s === socket && !s.connected) s.connect();
    }, AUTH_RETRY_MS);
  }

  function onJoined(info) {
    const next = { venueId: String(info.venueId), station: String(info.station) };
    if (!scope || scope.venueId !== next.venueId || scope.station !== next.station) {
      scope = next;
      adopt(load());
    }
    serverLastSeq = Number(info.lastSeq) || 0;
    // the station's numbering restarted (a new database): what this tab remembers is of no use
    if (serverLastSeq < state.lastSeq) adopt(emptyState());
    el.recent.hidden = false;
    showSoundState();
    el.station.textContent = scope.station;
    el.venue.textContent = scope.venueId;
    document.title = scope.station + ' · KDS';
    setConnection('connected', 'connected');
    const waiting = early;
    early = [];
    for (const [ticket, answer] of waiting) onTicket(ticket, answer);
    save();
    render();
    requestSync();
  }

  function showLogin(reason) {
    el.login.hidden = false;
    el.loginReason.textContent = reason;
    el.loginVenue.value = sessionStorage.getItem(KEYS.venueId) ?? '';
    el.loginStation.value = sessionStorage.getItem(KEYS.station) ?? '';
  }

  el.login.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = el.loginToken.value.trim();
    if (!token) return;
    sessionStorage.setItem(KEYS.token, token);
    for (const [key, input] of [
      [KEYS.venueId, el.loginVenue],
      [KEYS.station, el.loginStation],
    ]) {
      const value = input.value.trim();
      if (value) sessionStorage.setItem(key, value);
      else sessionStorage.removeItem(key);
    }
    el.loginToken.value = '';
    connect();
  });

  // ---------------------------------------------------------------------------------------------
  // Actions: tap = started, Bump, Recall
  // ---------------------------------------------------------------------------------------------

  /** Sends one ticket event; nothing is queued while offline (it could arrive much later). */
  function act(event, ticketId, onOk, onRefused) {
    if (!socket || !socket.connected) {
      toast('Offline: not sent. Try again when the screen is connected.');
      return;
    }
    if (busy.has(ticketId)) return;
    busy.add(ticketId);
    render();
    socket.timeout(ACTION_TIMEOUT_MS).emit(event, { ticketId }, (error, answer) => {
      busy.delete(ticketId);
      if (error) toast('No answer from the kitchen server. Try again.');
      else if (answer && answer.ok) onOk();
      else onRefused(answer && answer.error ? answer.error : 'refused');
      save();
      render();
    });
  }

  function start(ticketId) {
    const card = state.cards[ticketId];
    if (!card || card.started || card.ticket.kind === 'void') return;
    act(
      'ticket:ack',
      ticketId,
      () => {
        if (state.cards[ticketId]) state.cards[ticketId].started = true;
      },
      (error) => toast('#' + card.ticket.displayNumber + ': ' + error),
    );
  }

  function bump(ticketId) {
    const card = state.cards[ticketId];
    if (!card) return;
    act(
      'ticket:bump',
      ticketId,
      () => retire(ticketId),
      (error) => {
        // not open at this station: bumped already (another screen, or an answer that got lost)
        retire(ticketId);
        toast('#' + card.ticket.displayNumber + ' was bumped already (' + error + ')');
      },
    );
  }

  function retire(ticketId) {
    const card = state.cards[ticketId];
    if (!card) return;
    delete state.cards[ticketId];
    if (card.ticket.kind === 'void') return;
    state.recent.unshift({
      ticket: card.ticket,
      started: card.started,
      slot: card.slot,
      voided: card.voided,
    });
    state.recent.length = Math.min(state.recent.length, RECENT_LIMIT);
  }

  function recall(ticketId) {
    const entry = state.recent.find((candidate) => candidate.ticket.ticketId === ticketId);
    if (!entry) return;
    const restore = () => backOnBoard(entry);
    act('ticket:recall', ticketId, restore, (error) => {
      if (/not bumped/.test(error)) restore(); // open on the server: show it again
      toast('#' + entry.ticket.displayNumber + ': ' + error);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering (textContent only: ticket text never becomes markup)
  // ---------------------------------------------------------------------------------------------

  function h(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function label(code) {
    const value = String(code ?? '');
    return Object.prototype.hasOwnProperty.call(LABELS, value)
      ? LABELS[value]
      : value.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
  }

  function kindOf(ticket) {
    return Object.prototype.hasOwnProperty.call(KIND_LABELS, ticket.kind) ? ticket.kind : 'new';
  }

  function buildCard(card) {
    const ticket = card.ticket;
    const kind = kindOf(ticket);
    const node = h('article', 'card kind-' + kind);
    node.dataset.ticketId = ticket.ticketId;
    node.dataset.orderId = ticket.orderId;
    node.dataset.seq = String(ticket.seq);
    node.dataset.kind = kind;
    node.tabIndex = 0;
    node.setAttribute('role', 'button');

    if (ticket.orderPriority === 'rush' || ticket.orderPriority === 'vip') {
      node.classList.add('priority-' + ticket.orderPriority);
    }
    if (Number.isInteger(ticket.dailyNumber)) node.dataset.dailyNumber = String(ticket.dailyNumber);

    const head = h('header', 'card-head');
    const numbers = h('span', 'numbers');
    // the venue's daily number is what the pass calls out: largest; the order's own code beside it
    if (Number.isInteger(ticket.dailyNumber)) numbers.append(h('span', 'daily', '#' + ticket.dailyNumber));
    numbers.append(h('span', 'num', ticket.displayNumber));
    head.append(numbers);
    if (kind === 'void')
      head.append(h('span', 'void-banner', voidsWholeOrder(ticket) ? 'VOID' : 'VOID ITEMS'));
    if (kind === 'addition') head.append(h('span', 'add-banner', '+ ADD'));
    head.append(h('span', 'age'));

    const meta = h('div', 'meta');
    meta.append(h('span', 'badge badge-kind badge-' + kind, KIND_LABELS[kind]));
    const started = h('span', 'badge badge-started', 'STARTED');
    started.hidden = true;
    meta.append(started);
    if (ticket.orderPriority === 'rush') meta.append(h('span', 'badge badge-rush', 'RUSH'));
    if (ticket.orderPriority === 'vip') meta.append(h('span', 'badge badge-vip', 'VIP'));
    meta.append(h('span', 'channel', label(ticket.channel) + ' · ' + label(ticket.orderType)));

    const items = h('ul', 'items');
    const voided = new Set(card.voided || []);
    for (const item of ticket.items) {
      const line = h('li', 'item');
      if (item.lineId && voided.has(item.lineId)) line.classList.add('voided');
      const main = h('div', 'item-line');
      main.append(h('span', 'qty', item.quantity + '×'), h('span', 'name', item.name));
      line.append(main);
      if (Array.isArray(item.modifiers) && item.modifiers.length > 0) {
        const mods = h('ul', 'mods');
        for (const mod of item.modifiers) {
          mods.append(h('li', 'mod', '+ ' + (mod.quantity > 1 ? mod.quantity + '× ' : '') + mod.name));
        }
        line.append(mods);
      }
      if (item.notes) line.append(h('div', 'note', 'Note: ' + item.notes));
      items.append(line);
    }

    const actions = h('div', 'actions');
    const bumpButton = h('button', 'bump', kind === 'void' ? 'CLEAR' : 'BUMP');
    bumpButton.type = 'button';
    actions.append(bumpButton);
    node.append(head, meta, items, actions);

    node.addEventListener('click', (event) => {
      if (event.target.closest('.bump')) bump(ticket.ticketId);
      else start(ticket.ticketId);
    });
    node.addEventListener('keydown', (event) => {
      if (event.target !== node || (event.key !== 'Enter' && event.key !== ' ')) return;
      event.preventDefault();
      start(ticket.ticketId);
    });
    return node;
  }

  function formatAge(ms) {
    const total = Math.max(0, Math.floor(ms / 1000));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const pad = (n) => String(n).padStart(2, '0');
    return (hours > 0 ? hours + ':' + pad(minutes) : String(minutes)) + ':' + pad(total % 60);
  }

  function showAge(node, card) {
    const ms = Date.now() - Date.parse(card.ticket.createdAt);
    const minutes = ms / 60000;
    node.querySelector('.age').textContent = Number.isFinite(ms) ? formatAge(ms) : '';
    node.classList.toggle('age-ok', minutes < warnMinutes);
    node.classList.toggle('age-warn', minutes >= warnMinutes && minutes < lateMinutes);
    node.classList.toggle('age-late', minutes >= lateMinutes);
  }

  function render() {
    const cards = Object.values(state.cards).sort((a, b) => a.slot - b.slot || a.ticket.seq - b.ticket.seq);
    for (const [ticketId, node] of cardNodes) {
      if (!state.cards[ticketId]) {
        node.remove();
        cardNodes.delete(ticketId);
      }
    }
    let previous = null;
    for (const card of cards) {
      const ticketId = card.ticket.ticketId;
      let node = cardNodes.get(ticketId);
      if (!node) {
        node = buildCard(card);
        cardNodes.set(ticketId, node);
      }
      node.classList.toggle('started', card.started);
      node.classList.toggle('busy', busy.has(ticketId));
      node.querySelector('.badge-started').hidden = !card.started;
      showAge(node, card);
      const expected = previous ? previous.nextSibling : el.board.firstChild;
      if (node !== expected) el.board.insertBefore(node, expected);
      previous = node;
    }
    el.empty.hidden = cards.length > 0 || !scope;
    const started = cards.filter((card) => card.started).length;
    el.counts.textContent = scope ? cards.length + ' open · ' + started + ' started' : '';
    renderRecent();
  }

  function renderRecent() {
    const chips = state.recent.map((entry) => {
      const chip = h('div', 'chip');
      chip.dataset.ticketId = entry.ticket.ticketId;
      const button = h('button', 'recall', 'Recall');
      button.type = 'button';
      button.disabled = busy.has(entry.ticket.ticketId);
      button.addEventListener('click', () => recall(entry.ticket.ticketId));
      chip.append(h('span', 'chip-num', entry.ticket.displayNumber), button);
      return chip;
    });
    el.bumped.replaceChildren(...chips);
  }

  function tick() {
    for (const [ticketId, node] of cardNodes) {
      const card = state.cards[ticketId];
      if (card) showAge(node, card);
    }
    const now = new Date();
    el.clock.textContent =
      String(now.getHours()).padStart(2, '0') + ':' + String(now.getMinutes()).padStart(2, '0');
  }

  let toastTimer = null;
  function toast(message) {
    el.toast.textContent = message;
    el.toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (el.toast.hidden = true), 4000);
  }

  // ---------------------------------------------------------------------------------------------
  // Sound: a short oscillator chime (Web Audio API, no files); browsers start audio after a tap
  // ---------------------------------------------------------------------------------------------

  let audio = null;
  let chimes = 0;
  let lastChime = 0;

  function audioContext() {
    if (audio) return audio;
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return null;
    try {
      audio = new Context();
      audio.addEventListener('statechange', showSoundState);
    } catch {
      return null;
    }
    return audio;
  }

  function showSoundState() {
    el.sound.hidden = !scope || !audio || audio.state !== 'suspended';
  }

  function unlockAudio() {
    const context = audioContext();
    if (context && context.state === 'suspended') context.resume().then(showSoundState, () => undefined);
  }

  function chime(kind) {
    const now = Date.now();
    if (now - lastChime < 400) return; // one chime for a burst (a replay after a reconnect)
    lastChime = now;
    chimes += 1;
    const context = audioContext();
    if (!context) return;
    if (context.state === 'suspended') {
      showSoundState(); // a chime scheduled now would play late, on the first tap
      return;
    }
    const t0 = context.currentTime + 0.01;
    const tones =
      kind === 'void'
        ? [
            [440, 0],
            [330, 0.18],
            [220, 0.36],
          ]
        : [
            [880, 0],
            [1320, 0.14],
          ];
    for (const [frequency, offset] of tones) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = kind === 'void' ? 'square' : 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, t0 + offset);
      gain.gain.exponentialRampToValueAtTime(0.3, t0 + offset + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + offset + 0.13);
      oscillator.connect(gain);
      gain.connect(context.destination);
      oscillator.start(t0 + offset);
      oscillator.stop(t0 + offset + 0.14);
    }
  }

  document.addEventListener('pointerdown', unlockAudio, true);
  document.addEventListener('keydown', unlockAudio, true);
  el.sound.addEventListener('click', unlockAudio);

  // a handle for support and for the browser test: read-only
  window.kds = Object.freeze({
    get socket() {
      return socket;
    },
    get lastSeq() {
      return state.lastSeq;
    },
    get chimes() {
      return chimes;
    },
  });

  audioContext();
  showSoundState();
  render();
  tick();
  setInterval(tick, 1000);
  connect();
})();
