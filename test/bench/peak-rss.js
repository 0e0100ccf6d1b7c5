// The most memory this process has had resident, as the kernel counts it (VmHWM in
// /proc/self/status; elsewhere getrusage's maxrss). A timer sampling process.memoryUsage() misses
// the peaks: it cannot run while a long synchronous step holds the event loop, which is exactly
// when memory peaks.
'use strict';
const fs = require('node:fs');

/** @returns {number} bytes */
function peakRssBytes() {
	try {
		const match = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
		if (match) return Number(match[1]) * 1024;
	} catch {
		// no /proc (macOS): getrusage below
	}
	return process.resourceUsage().maxRSS * 1024;
}

module.exports = { peakRssBytes };
