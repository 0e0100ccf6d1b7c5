// Preloaded into every n8n process the end-to-end benchmark starts (NODE_OPTIONS=--require): at exit
// it writes the kernel's peak resident size of that process (VmHWM) to
// $ML_CONNECTOR_PEAK_RSS_DIR/<pid>.json. A poller outside cannot see the last moments before exit,
// when `n8n execute` stringifies the whole run.
// It also records the peak just before that: `n8n execute` prints the finished run as indented JSON
// (JSON.stringify(run, null, 2), several times the run's stored size), which a running n8n never
// does, so `peakRssBeforePrintBytes` is the workflow's own peak.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.ML_CONNECTOR_PEAK_RSS_DIR;

function peakRss() {
	const match = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
	return match ? Number(match[1]) * 1024 : null;
}

/** `n8n execute`'s print of a finished run: JSON.stringify(run, null, 2) of { data: { resultData } }. */
const isPrintOfRun = (value, space) => space === 2 && value !== null && typeof value === 'object' && value.data?.resultData !== undefined;

if (dir) {
	let beforePrint = null;
	const stringify = JSON.stringify;
	JSON.stringify = function (value, replacer, space) {
		if (beforePrint === null && isPrintOfRun(value, space)) {
			try {
				beforePrint = peakRss();
			} catch {
				// no /proc (not Linux)
			}
		}
		return stringify.call(this, value, replacer, space);
	};
	process.on('exit', () => {
		try {
			const peakRssBytes = peakRss();
			if (peakRssBytes) fs.writeFileSync(path.join(dir, `${process.pid}.json`), stringify({ pid: process.pid, peakRssBytes, peakRssBeforePrintBytes: beforePrint }));
		} catch {
			// no /proc (not Linux): the poller's figure stands
		}
	});
}
