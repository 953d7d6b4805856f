/**
 * Sources: every number the demand engine takes from outside, with its citation. Parameter
 * files (data/demand/*.json) name a source id; the demand summary lists the ids it used, and
 * `citation(id)` turns one into a line a report can print. Ids marked `assumption` are model
 * choices, not published figures, and say so wherever they are shown.
 */

export interface Source {
  id: string;
  /** One line: who published what, when. */
  citation: string;
  url?: string;
  /** True for model assumptions (no outside source). */
  assumption?: boolean;
}

export const SOURCES: readonly Source[] = [
  {
    id: 'od2017-sp-motive',
    citation: 'Companhia do Metropolitano de São Paulo, Pesquisa Origem e Destino 2017: daily trips attracted by motive, município de São Paulo (work: 11,654,344)',
    url: 'https://www.prefeitura.sp.gov.br/cidade/secretarias/upload/chamadas/viagens_diarias_por_motivo_atraidas_2017_1593011949.htm',
  },
  {
    id: 'ibge-2017-sp',
    citation: 'IBGE, Estimativas da População 2017: São Paulo (SP) 12,106,920 inhabitants',
    url: 'https://www.ibge.gov.br/estatisticas/sociais/populacao/9103-estimativas-de-populacao.html',
  },
  {
    id: 'od2017-sp-hourly',
    citation: 'Metrô SP, Pesquisa Origem e Destino 2017 release: 42 million trips a day; 4.5 million at 07:00, 5.2 million at 12:00, 4.0 million at 18:00',
    url: 'https://sedecar.com.br/novidades/4716/anda-sp-super-rush-da-hora-do-almoco-concentra-o-maior-n-de-deslocamentos-diz-pesquisa',
  },
  {
    id: 'ibge-population',
    citation: 'IBGE, Estimativas da População 2021 (per city, in data/cities.json)',
  },
  {
    id: 'mtur-categorizacao',
    citation: 'Ministério do Turismo, Categorização dos Municípios 2017/2019: domestic and international visitors per year (per city, in data/cities.json)',
  },
  {
    id: 'chapada-park-2025',
    citation: 'Chapada dos Guimarães National Park: 183,675 visitors in 2025 (data/mt/published-figures.csv)',
    url: 'https://www.muvucapopular.com.br/2026/01/31/chapada-dos-guimaraes-bate-recorde-historico-e-recebe-mais-de-183-mil-visitantes-em-2025',
  },
  {
    id: 'chapada-park-monthly',
    citation: 'Chapada dos Guimarães National Park monthly visitors: Jan 2017 16,000 (2016: 158,300); Oct 2009 7,867, Dec 2009 9,808 (2007: 135,651) (data/mt/published-figures.csv)',
    url: 'https://portalturismototal.com.br/?p=4165',
  },
  {
    id: 'park-opening',
    citation: 'Parque Nacional da Chapada dos Guimarães, Véu de Noiva visiting hours 09:00-16:00 (guide page)',
    url: 'https://chapadaoffroad.wixsite.com/chapadaoffroad/veudenoivachapadadosguimaraes',
  },
  {
    id: 'ipea-aop-hexgrid',
    citation: 'IPEA Acesso a Oportunidades via r5r sample data: H3 res-9 cells with population (Censo 2010) and formal jobs (RAIS) (data/osm/*/..._hexgrid.csv)',
    url: 'https://github.com/ipeaGIT/r5r',
  },
  {
    id: 'r5r-poi',
    citation: 'r5r sample data: named points of interest of Porto Alegre (data/osm/porto-alegre/poa_points_of_interest.csv)',
    url: 'https://github.com/ipeaGIT/r5r',
  },
  {
    id: 'curated-attractions',
    citation: 'Curated MT attraction list, one public page per item (data/demand/attractions.json)',
  },
  {
    id: 'osm-pois',
    citation: 'OpenStreetMap contributors: tourism/leisure points of the city extract (ODbL)',
  },
  {
    id: 'antt-toll-volumes',
    citation: 'ANTT, Volume de tráfego por praça de pedágio: average day of 2023 per plaza, direction and class, as gateway volumes (data/counts/antt-mt-2023.csv); through shares and hourly profiles are assumptions (data/demand/external.json)',
    url: 'https://dados.antt.gov.br',
  },
  {
    id: 'model-assumption',
    citation: 'Model assumption documented in data/demand/parameters.json (no outside source)',
    assumption: true,
  },
];

const BY_ID = new Map(SOURCES.map((s) => [s.id, s]));

/** The source with this id; unknown ids are a programming error. */
export function source(id: string): Source {
  const s = BY_ID.get(id);
  if (!s) throw new RangeError(`unknown demand source id "${id}"`);
  return s;
}

/** One printable line for a source id. */
export function citation(id: string): string {
  const s = source(id);
  return s.url ? `${s.citation} <${s.url}>` : s.citation;
}

export function isSourceId(id: string): boolean {
  return BY_ID.has(id);
}
