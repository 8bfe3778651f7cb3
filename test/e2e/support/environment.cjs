// The node environment, plus a flag a spec's servers read when they stop: did anything in this file fail?
// (A failed step then prints the tail of the API's log, the one clue a flaky CI run leaves.)
const { TestEnvironment } = require('jest-environment-node');

class E2eEnvironment extends TestEnvironment {
  async handleTestEvent(event) {
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') this.global.__e2eFailed = true;
  }
}

module.exports = E2eEnvironment;
