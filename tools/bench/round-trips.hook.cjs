/**
 * `npm run bench -- --round-trips`: preloaded into each service (NODE_OPTIONS=--require), counts the
 * statements it sends to Postgres and the socket writes it makes per remote port (Postgres, NATS,
 * HTTP), and writes the totals to HUB_ROUND_TRIPS_FILE every 500 ms. Diagnostics only.
 */
const { renameSync, writeFileSync } = require('node:fs');
const net = require('node:net');

const file = process.env.HUB_ROUND_TRIPS_FILE;
if (file) {
  const counts = { pgQueries: 0, socketWrites: {} };
  const pg = require(require.resolve('pg', { paths: [process.cwd()] }));
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(...args) {
    counts.pgQueries++;
    return query.apply(this, args);
  };
  // every write and writev of a net.Socket goes through _writeGeneric: one system call each
  const write = net.Socket.prototype._writeGeneric;
  net.Socket.prototype._writeGeneric = function countedWrite(...args) {
    const port = String(this.remotePort ?? 'unknown');
    counts.socketWrites[port] = (counts.socketWrites[port] ?? 0) + 1;
    return write.apply(this, args);
  };
  // written aside and renamed, so the bench never reads half a file
  setInterval(() => {
    writeFileSync(`${file}.tmp`, JSON.stringify(counts));
    renameSync(`${file}.tmp`, file);
  }, 500).unref();
}
