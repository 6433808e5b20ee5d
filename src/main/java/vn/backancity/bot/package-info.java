/**
 * The Bắc Kạn city news bot. {@link vn.backancity.bot.App} is the composition root; {@link
 * vn.backancity.bot.Service} the running web server with its channels.
 */
package vn.backancity.bot;
