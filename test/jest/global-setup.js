'use strict';
const { beginRun } = require('./temp-root');

module.exports = async function globalSetup() {
	beginRun();
};
