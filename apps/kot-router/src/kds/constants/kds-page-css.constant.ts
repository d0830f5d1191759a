/** The KDS page's stylesheet (`GET /kds/kds.css`): a dark, high-contrast board for a kitchen screen. */
export const KDS_PAGE_CSS = `:root {
  --bg: #101214;
  --panel: #1b1f24;
  --card: #f4f1ea;
  --ink: #15181c;
  --muted: #8a939e;
  --ok: #1f9d55;
  --warn: #e0a100;
  --late: #d93025;
  --void: #b3261e;
  --started: #1a73e8;
  --addition: #7b3fe4;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Devanagari', sans-serif;
}
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body {
  background: var(--bg);
  color: #e9edf1;
  display: flex;
  flex-direction: column;
  -webkit-user-select: none;
  user-select: none;
  touch-action: manipulation;
}
[hidden] { display: none !important; }

.bar {
  display: flex;
  align-items: center;
  gap: 16px;
  padding: 8px 16px;
  background: var(--panel);
  border-bottom: 1px solid #2c3238;
}
.where { flex: 1; display: flex; align-items: baseline; gap: 12px; min-width: 0; }
.station { font-size: 26px; font-weight: 800; text-transform: uppercase; letter-spacing: 0.04em; }
.venue { color: var(--muted); font-size: 16px; }
.counts { color: #cfd6dd; font-size: 18px; font-variant-numeric: tabular-nums; }
.clock { font-size: 22px; font-weight: 700; font-variant-numeric: tabular-nums; }
.sound {
  background: #3a2f00; color: #ffd75e; border: 1px solid #ffd75e; border-radius: 6px;
  padding: 6px 10px; font-size: 14px; cursor: pointer;
}
.conn {
  padding: 6px 12px; border-radius: 999px; font-size: 15px; font-weight: 700; white-space: nowrap;
  max-width: 45vw; overflow: hidden; text-overflow: ellipsis;
}
.conn::before { content: '●'; margin-right: 6px; }
.conn-connected { background: #0f3d24; color: #5be39a; }
.conn-connecting, .conn-reconnecting { background: #3d3200; color: #ffd75e; }
.conn-refused { background: #4a1210; color: #ff8a80; white-space: normal; }

.board {
  flex: 1;
  overflow-y: auto;
  padding: 12px;
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
  align-content: start;
  gap: 12px;
}
.empty { flex: 1; margin: 0; text-align: center; color: var(--muted); font-size: 28px; padding-top: 18vh; }

.card {
  background: var(--card);
  color: var(--ink);
  border-radius: 10px;
  overflow: hidden;
  display: flex;
  flex-direction: column;
  border: 4px solid transparent;
  cursor: pointer;
  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.45);
}
.card:focus-visible { outline: 3px solid #fff; outline-offset: 2px; }
.card.busy { opacity: 0.55; pointer-events: none; }
.card-head {
  display: flex; align-items: center; justify-content: space-between; gap: 8px;
  padding: 6px 12px; color: #fff; background: var(--ok);
}
.age-warn .card-head { background: var(--warn); color: #1d1600; }
.age-late .card-head { background: var(--late); }
.num { font-size: 44px; font-weight: 900; line-height: 1; font-variant-numeric: tabular-nums; }
.daily { font-size: 56px; font-weight: 900; line-height: 1; font-variant-numeric: tabular-nums; }
.daily + .num { font-size: 22px; font-weight: 800; opacity: 0.9; }
.numbers { display: flex; align-items: baseline; gap: 10px; }
.age { font-size: 26px; font-weight: 800; font-variant-numeric: tabular-nums; }
.meta {
  display: flex; flex-wrap: wrap; align-items: center; gap: 6px;
  padding: 8px 12px 4px; font-size: 15px; font-weight: 600; color: #3c434b;
}
.badge {
  display: inline-block; padding: 2px 8px; border-radius: 4px;
  font-size: 14px; font-weight: 900; letter-spacing: 0.05em; color: #fff; background: #47505a;
}
.badge-new { background: #2f3a45; }
.badge-addition { background: var(--addition); }
.badge-void { background: var(--void); }
.badge-started { background: var(--started); }
.badge-rush { background: #000; color: #ffd75e; }
.badge-vip { background: #6b1fb3; color: #fff2a8; }
.card.priority-rush { border-color: #000; box-shadow: 0 0 0 3px #ffd75e; }
.card.priority-vip { border-color: #6b1fb3; box-shadow: 0 0 0 3px #fff2a8; }
.add-banner { font-size: 24px; font-weight: 900; letter-spacing: 0.08em; }
.item.voided { text-decoration: line-through; text-decoration-thickness: 3px; color: var(--void); }
.start-by { font-weight: 700; color: #3c434b; }
.items { list-style: none; margin: 0; padding: 4px 12px 8px; flex: 1; }
.item { padding: 6px 0; border-top: 1px solid #ddd6c8; }
.item:first-child { border-top: 0; }
.item-line { font-size: 22px; font-weight: 800; }
.qty { display: inline-block; min-width: 2.2em; }
.mods { list-style: none; margin: 2px 0 0 2.2em; padding: 0; font-size: 17px; font-weight: 600; color: #2b3036; }
.note { margin: 4px 0 0 2.2em; font-size: 17px; font-style: italic; background: #fff3bf; padding: 2px 6px; border-radius: 4px; }
.actions { padding: 8px 12px 12px; }
.bump {
  width: 100%; padding: 14px; font-size: 22px; font-weight: 900; letter-spacing: 0.05em;
  border: 0; border-radius: 8px; background: #15181c; color: #fff; cursor: pointer;
}
.card.started { border-color: var(--started); }
.card.started .bump { background: var(--started); }
.card.kind-addition { border-color: var(--addition); }
.card.kind-void { border-color: var(--void); background: #fde3e1; }
.card.kind-void .card-head { background: var(--void); color: #fff; }
.card.kind-void .items { text-decoration: line-through; text-decoration-thickness: 3px; color: var(--void); }
.card.kind-void .bump { background: var(--void); }
.card.kind-void .age { display: none; }
.void-banner { font-size: 30px; font-weight: 900; letter-spacing: 0.12em; }

.recent {
  display: flex; align-items: center; gap: 12px; min-height: 52px;
  padding: 6px 16px; background: var(--panel); border-top: 1px solid #2c3238;
}
.recent-label { color: var(--muted); font-size: 14px; text-transform: uppercase; letter-spacing: 0.08em; white-space: nowrap; }
.recent-list { display: flex; gap: 8px; overflow-x: auto; }
.chip {
  display: flex; align-items: center; gap: 8px; padding: 4px 4px 4px 10px;
  background: #2a3037; border-radius: 6px; white-space: nowrap;
}
.chip-num { font-size: 20px; font-weight: 800; font-variant-numeric: tabular-nums; }
.recall {
  padding: 6px 10px; font-size: 15px; font-weight: 800; border: 0; border-radius: 4px;
  background: #e9edf1; color: #15181c; cursor: pointer;
}

.login {
  margin: 10vh auto; width: min(520px, 92vw); display: flex; flex-direction: column; gap: 12px;
  background: var(--panel); padding: 24px; border-radius: 10px;
}
.login h1 { margin: 0; font-size: 24px; }
.login label { display: flex; flex-direction: column; gap: 4px; color: #cfd6dd; font-size: 14px; }
.login input { font-size: 18px; padding: 8px; border-radius: 6px; border: 1px solid #49525c; background: #0d0f11; color: #fff; }
.login button { font-size: 18px; padding: 10px; border: 0; border-radius: 6px; background: var(--started); color: #fff; cursor: pointer; }
.login-reason { margin: 0; color: #ff8a80; }
.hint { margin: 0; color: var(--muted); font-size: 13px; }

.toast {
  position: fixed; left: 50%; bottom: 72px; transform: translateX(-50%);
  max-width: 90vw; padding: 10px 16px; border-radius: 8px;
  background: #fff; color: #15181c; font-size: 17px; font-weight: 600;
  box-shadow: 0 4px 16px rgba(0, 0, 0, 0.5);
}
`;
