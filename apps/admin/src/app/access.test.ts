import { ROLES } from '@kaoping/shared';
import { describe, expect, it } from 'vitest';
import { PAGE_PATHS, assessmentHome, canOpen, publicEvaluationHome, type PageKey } from './access';

const pages = Object.keys(PAGE_PATHS) as PageKey[];
const openTo = (page: PageKey) => ROLES.filter((r) => canOpen(r, page));

describe('which pages each role may open', () => {
  it('gives every page a path of its own, and everyone the workbench', () => {
    expect(new Set(Object.values(PAGE_PATHS)).size).toBe(pages.length);
    expect(openTo('workbench')).toEqual([...ROLES]);
  });

  it('keeps the administrator’s pages and the fraud review away from the units', () => {
    expect(openTo('tokens')).toEqual(['admin']);
    expect(openTo('peFraud')).toEqual(['admin', 'office']);
    for (const unitRole of ['head', 'reporter', 'datasource'] as const) {
      expect(canOpen(unitRole, 'screen')).toBe(false);
      expect(canOpen(unitRole, 'supervisionInspections')).toBe(false);
      expect(canOpen(unitRole, 'peResults')).toBe(false);
    }
  });

  it('sends units to their own reporting and suggestions, city-wide roles to the rankings and campaigns', () => {
    expect(assessmentHome('reporter')).toBe(PAGE_PATHS.assessmentReporting);
    expect(assessmentHome('datasource')).toBe(PAGE_PATHS.assessmentResults);
    expect(assessmentHome('leader')).toBe(PAGE_PATHS.assessmentResults);
    expect(publicEvaluationHome('head')).toBe(PAGE_PATHS.peSuggestions);
    expect(publicEvaluationHome('office')).toBe(PAGE_PATHS.peCampaigns);
  });

  it('only lands a role on a home page it may open', () => {
    for (const role of ROLES) {
      const home = pages.find((p) => PAGE_PATHS[p] === assessmentHome(role))!;
      expect(canOpen(role, home), role).toBe(true);
    }
  });
});
