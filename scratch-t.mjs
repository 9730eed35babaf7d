import pty from '@lydell/node-pty';
const p = pty.spawn(process.execPath, process.argv.slice(2), {cols: 80, rows: 24, env: {...process.env, CI: 'false'}});
let out = '';
p.onData(d => out += d);
p.onExit(e => { console.log('exit', e, JSON.stringify(out.slice(0, 3000))); });
setTimeout(() => { p.kill(); }, 4000);
