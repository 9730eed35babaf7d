/** The automatic authorization test (Ctrl+P in the Ctrl+T panel), run through the running server. */
import type {RequestHandler} from '../../console/request-context.js';

export const testAuthorization: RequestHandler<'authorizationTest'> = ({thirdPartyId, target}, {live, dispatch}) => {
  live.testAuthorization(target).then(
    result => dispatch({type: 'authorizationTested', thirdPartyId, result}),
    (error: unknown) =>
      dispatch({
        type: 'authorizationTested',
        thirdPartyId,
        result: {
          ok: false,
          steps: [{name: 'discovery', ok: false, answer: error instanceof Error ? error.message : String(error), ms: 0}],
          failed: {step: 'discovery', lookAt: 'Is tpa serve running for this data file?'},
        },
      }),
  );
};
