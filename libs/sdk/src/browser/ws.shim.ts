/**
 * Stands in for the `ws` package in the browser bundle (vite.browser.config.mts): ImClient uses
 * the browser's own WebSocket there and never constructs this.
 */
export default class WebSocketUnavailable {
  constructor() {
    throw new Error('no WebSocket in this environment; pass options.socketFactory');
  }
}
