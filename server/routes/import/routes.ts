// Routes of this feature (filled in by its issue).
import { newRouter } from '../../http/router.js';

export const importRoutes = newRouter();
