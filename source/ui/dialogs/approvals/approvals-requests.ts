/** An admin's decision on a waiting request (Ctrl+W: Enter approves, D denies), sent to the running server. */
import type {RequestHandler} from '../../console/request-context.js';

export const decide: RequestHandler<'decide'> = ({id, name, decision}, {live, dispatch}) => {
  live.decide(id, decision).then(
    ok => dispatch({type: 'decided', id, name, decision, ok}),
    () => dispatch({type: 'decided', id, name, decision, ok: false}),
  );
};
