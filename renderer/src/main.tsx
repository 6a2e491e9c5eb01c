import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AppProvider } from './lib/context';
import { NavigationProvider } from './lib/navigation';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <AppProvider>
      <NavigationProvider>
        <App />
      </NavigationProvider>
    </AppProvider>
  </StrictMode>,
);
