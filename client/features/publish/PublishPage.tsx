// Placeholder page; the feature's issue fills it in.
import type { Me } from '../../api/types';

export function PublishPage({ me }: { me: Me }) {
  return <p className="splash">{me.username}</p>;
}
