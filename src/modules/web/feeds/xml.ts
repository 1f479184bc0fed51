export { escapeXml as xml } from '../../../platform/xml.js';
