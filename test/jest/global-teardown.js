'use strict';
const { endRun } = require('./temp-root');

module.exports = async function globalTeardown() {
	endRun();
};
