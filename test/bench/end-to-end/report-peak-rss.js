// Preloaded into every n8n process the end-to-end benchmark starts (NODE_OPTIONS=--require): at exit
// it writes the kernel's peak resident size of that process (VmHWM) to
// $ML_CONNECTOR_PEAK_RSS_DIR/<pid>.json. A poller outside cannot see the last moments before exit,
// when `n8n execute` stringifies the whole run.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.ML_CONNECTOR_PEAK_RSS_DIR;
if (dir) {
	process.on('exit', () => {
		try {
			const match = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
			if (match) fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify({ pid: process.pid, peakRssBytes: Number(match[1]) * 1024 }));
		} catch {
			// no /proc (not Linux): the poller's figure stands
		}
	});
}
