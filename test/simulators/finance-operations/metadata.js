'use strict';
/** A minimal `$metadata` document: the entity types, their keys and properties. */
const { DEFS, ENUMS } = require('./entities.js');

const EDM = /** @type {Record<string,string>} */ ({ s: 'Edm.String', d: 'Edm.Decimal', i: 'Edm.Int64', int: 'Edm.Int32', dt: 'Edm.DateTimeOffset' });
const NS = 'Microsoft.Dynamics.DataEntities';

function metadataXml() {
	const types = Object.values(DEFS)
		.map((def) => {
			const keys = def.keys.map((/** @type {string} */ k) => `<PropertyRef Name="${k}"/>`).join('');
			const props = Object.entries(def.fields)
				.map(([name, t]) => `<Property Name="${name}" Type="${t.startsWith('e:') ? `${NS}.${t.slice(2)}` : EDM[t]}"${def.keys.includes(name) ? ' Nullable="false"' : ''}/>`)
				.join('');
			return `<EntityType Name="${def.type}"><Key>${keys}</Key>${props}</EntityType>`;
		})
		.join('');
	const enums = Object.entries(ENUMS)
		.map(([name, members]) => `<EnumType Name="${name}">${members.map((m, i) => `<Member Name="${m}" Value="${i}"/>`).join('')}</EnumType>`)
		.join('');
	const sets = Object.entries(DEFS)
		.map(([set, def]) => `<EntitySet Name="${set}" EntityType="${NS}.${def.type}"/>`)
		.join('');
	return (
		'<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>' +
		`<Schema Namespace="${NS}" xmlns="http://docs.oasis-open.org/odata/ns/edm">${enums}${types}<EntityContainer Name="Resources">${sets}</EntityContainer></Schema>` +
		'</edmx:DataServices></edmx:Edmx>'
	);
}

module.exports = { metadataXml };
