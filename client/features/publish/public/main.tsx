// Entry of the public page (client/public-map/index.html): a separate, light bundle with no app code.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PublicApp } from './PublicApp';
import './public.css';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <PublicApp />
  </StrictMode>,
);
