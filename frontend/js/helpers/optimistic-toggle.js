/**
 * The state behind an on/off control whose change the API must confirm, with a count that moves
 * with it: a like (on: liked, count: likes) and a follow (on: following, count: followers).
 * components/like-button.js and components/follow-button.js draw the controls; this module decides
 * what they show.
 *
 * It is optimistic: a press shows the new state and count at once, and the request follows. If
 * the API refuses, the control goes back to what the server last confirmed, and the caller is
 * told why. Presses made while a request is out are not lost: when it returns, the state the
 * person chose last is sent, if it differs from what the server now holds. Whatever happens, one
 * request at a time, so answers can never arrive in the wrong order.
 */

/**
 * `confirmed` is what the server last said: {on, count}. `send(on)` asks the API and resolves to
 * the new {on, count}; `onConfirmed(state)` hears each confirmed change (to tell other places);
 * `onRefused(error, attemptedOn)` hears a refusal, and may return what the refusal says of the
 * server's state (some of {on, count}: a photo that no longer exists is liked by nobody), which
 * is then shown instead of the last confirmed state; `render({on, count})` shows the state.
 */
export function createOptimisticToggle({ confirmed, send, onConfirmed, onRefused, render }) {
  // What the server last said, and what the person wants now (which is what the control shows).
  let server = { ...confirmed };
  let wanted = server.on;
  let sending = false;

  function shown() {
    if (wanted === server.on) return { on: wanted, count: server.count };
    // The count the person expects: the confirmed one, moved by their own change on its way.
    return { on: wanted, count: Math.max(server.count + (wanted ? 1 : -1), 0) };
  }

  async function sendUntilSettled() {
    sending = true;
    let attempted = wanted;
    try {
      while (wanted !== server.on) {
        attempted = wanted;
        server = await send(attempted);
        onConfirmed?.(server);
      }
    } catch (error) {
      server = { ...server, ...onRefused(error, attempted) };
      wanted = server.on;
    } finally {
      sending = false;
      render(shown());
    }
  }

  render(shown());

  return {
    /** Whether the control shows "on" (what the person wants, on its way to the server). */
    get on() {
      return wanted;
    },

    /** The person pressed the control. */
    toggle() {
      wanted = !wanted;
      render(shown());
      if (!sending) sendUntilSettled();
    },

    /** A change confirmed elsewhere on the page (some of {on, count}). Ignored while a request
     * is out: its answer is newer and will be shown. */
    learn(changes) {
      if (sending) return;
      server = { ...server, ...changes };
      wanted = server.on;
      render(shown());
    },
  };
}
